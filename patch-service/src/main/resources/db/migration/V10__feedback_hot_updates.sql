-- Device feedback updates a target's state, progress, message and last contact many times per device. With none of
-- those columns in an index (key or predicate) the updates are HOT: no index entry is written, so feedback costs one
-- heap write instead of one per index. What the dropped indexes served:
--   campaign_target_wave (campaign_id, wave_index, deployment_state): the wave tally, now campaign_wave_count (V9);
--     the targets list by wave filters the primary key's range instead.
--   campaign_target_open (last_feedback_at WHERE open): the timeout sweep, which now reads the targets of running and
--     paused campaigns through the primary key once a minute.
--   campaign_target_tag (tag, deployment_state): a device's poll, served by (tag) alone (a tag has one row per
--     campaign).
DROP INDEX campaign_target_wave;
DROP INDEX campaign_target_open;
DROP INDEX campaign_target_tag;
CREATE INDEX campaign_target_tag ON campaign_target (tag);
-- room on each page for the new row versions of HOT updates (applies to pages written from now on)
ALTER TABLE campaign_target SET (fillfactor = 80);

-- The counters' update trigger without the jsonb round trip: the counter rows of every target's stripe exist from
-- the insert (V9), so an update adds the signed differences per stripe, one row at a time in key order (two
-- statements touching several stripes never wait for each other in a cycle).
CREATE OR REPLACE FUNCTION campaign_target_counted_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d record;
BEGIN
    FOR d IN
        SELECT n.campaign_id, n.wave_index, (n.seq % 16)::smallint AS stripe,
               sum((patch_outcome(n.deployment_state) IS NOT DISTINCT FROM 'pending')::int
                   - (patch_outcome(o.deployment_state) IS NOT DISTINCT FROM 'pending')::int) AS pending,
               sum((patch_outcome(n.deployment_state) IS NOT DISTINCT FROM 'in_progress')::int
                   - (patch_outcome(o.deployment_state) IS NOT DISTINCT FROM 'in_progress')::int) AS in_progress,
               sum((patch_outcome(n.deployment_state) IS NOT DISTINCT FROM 'succeeded')::int
                   - (patch_outcome(o.deployment_state) IS NOT DISTINCT FROM 'succeeded')::int) AS succeeded,
               sum((patch_outcome(n.deployment_state) IS NOT DISTINCT FROM 'failed')::int
                   - (patch_outcome(o.deployment_state) IS NOT DISTINCT FROM 'failed')::int) AS failed,
               sum((patch_outcome(n.deployment_state) IS NOT DISTINCT FROM 'timed_out')::int
                   - (patch_outcome(o.deployment_state) IS NOT DISTINCT FROM 'timed_out')::int) AS timed_out
          FROM new_rows n JOIN old_rows o ON o.campaign_id = n.campaign_id AND o.seq = n.seq
         WHERE patch_outcome(o.deployment_state) IS DISTINCT FROM patch_outcome(n.deployment_state)
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
    LOOP
        UPDATE campaign_wave_count w SET pending = w.pending + coalesce(d.pending, 0),
               in_progress = w.in_progress + coalesce(d.in_progress, 0),
               succeeded = w.succeeded + coalesce(d.succeeded, 0), failed = w.failed + coalesce(d.failed, 0),
               timed_out = w.timed_out + coalesce(d.timed_out, 0)
         WHERE w.campaign_id = d.campaign_id AND w.wave_index = d.wave_index AND w.stripe = d.stripe;
    END LOOP;
    RETURN NULL;
END
$$;
