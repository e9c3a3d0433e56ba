-- Per-wave device counts by outcome, kept by triggers on campaign_target, so deciding about a wave reads at most 16
-- small rows instead of counting the wave (counting a 30,000-device wave took ~70 ms, on every final result).
-- Striped by seq % 16: concurrent feedback of different devices rarely waits for the same counter row. Outcomes as
-- io.converge.patch.domain.DeviceOutcome: pending (pending, offered), in_progress (downloading, downloaded,
-- installing), succeeded, failed (failed, rolled-back), timed_out (timed-out); skipped counts nowhere.
CREATE TABLE campaign_wave_count (
    campaign_id  uuid     NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    wave_index   int      NOT NULL,
    stripe       smallint NOT NULL,
    pending      int      NOT NULL DEFAULT 0,
    in_progress  int      NOT NULL DEFAULT 0,
    succeeded    int      NOT NULL DEFAULT 0,
    failed       int      NOT NULL DEFAULT 0,
    timed_out    int      NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, wave_index, stripe)
);

CREATE FUNCTION patch_outcome(state text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN state IN ('pending', 'offered') THEN 'pending'
        WHEN state IN ('downloading', 'downloaded', 'installing') THEN 'in_progress'
        WHEN state = 'succeeded' THEN 'succeeded'
        WHEN state IN ('failed', 'rolled-back') THEN 'failed'
        WHEN state = 'timed-out' THEN 'timed_out'
    END
$$;

-- adds the signed counts of `changes` (campaign_id, wave_index, stripe, outcome, n) to the counters, rows locked in
-- key order (two statements touching several stripes never wait for each other in a cycle)
CREATE FUNCTION patch_wave_count_apply(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM campaign_wave_count w
        JOIN jsonb_to_recordset(changes) AS x(campaign_id uuid, wave_index int, stripe smallint, outcome text, n int)
          ON w.campaign_id = x.campaign_id AND w.wave_index = x.wave_index AND w.stripe = x.stripe
        ORDER BY w.campaign_id, w.wave_index, w.stripe FOR UPDATE OF w;
    INSERT INTO campaign_wave_count AS w (campaign_id, wave_index, stripe, pending, in_progress, succeeded, failed,
                                          timed_out)
    SELECT x.campaign_id, x.wave_index, x.stripe,
           coalesce(sum(x.n) FILTER (WHERE x.outcome = 'pending'), 0),
           coalesce(sum(x.n) FILTER (WHERE x.outcome = 'in_progress'), 0),
           coalesce(sum(x.n) FILTER (WHERE x.outcome = 'succeeded'), 0),
           coalesce(sum(x.n) FILTER (WHERE x.outcome = 'failed'), 0),
           coalesce(sum(x.n) FILTER (WHERE x.outcome = 'timed_out'), 0)
    FROM jsonb_to_recordset(changes) AS x(campaign_id uuid, wave_index int, stripe smallint, outcome text, n int)
    GROUP BY x.campaign_id, x.wave_index, x.stripe
    ORDER BY x.campaign_id, x.wave_index, x.stripe
    ON CONFLICT (campaign_id, wave_index, stripe) DO UPDATE SET
        pending = w.pending + EXCLUDED.pending, in_progress = w.in_progress + EXCLUDED.in_progress,
        succeeded = w.succeeded + EXCLUDED.succeeded, failed = w.failed + EXCLUDED.failed,
        timed_out = w.timed_out + EXCLUDED.timed_out;
END
$$;

CREATE FUNCTION campaign_target_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes jsonb;
BEGIN
    SELECT jsonb_agg(jsonb_build_object('campaign_id', campaign_id, 'wave_index', wave_index, 'stripe', stripe,
                                        'outcome', outcome, 'n', n))
      INTO changes
      FROM (SELECT campaign_id, wave_index, (seq % 16)::smallint AS stripe, patch_outcome(deployment_state) AS outcome,
                   count(*) AS n
              FROM new_rows WHERE patch_outcome(deployment_state) IS NOT NULL GROUP BY 1, 2, 3, 4) c;
    IF changes IS NOT NULL THEN
        PERFORM patch_wave_count_apply(changes);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_target_counted_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes jsonb;
BEGIN
    SELECT jsonb_agg(jsonb_build_object('campaign_id', campaign_id, 'wave_index', wave_index, 'stripe', stripe,
                                        'outcome', outcome, 'n', n))
      INTO changes
      FROM (SELECT campaign_id, wave_index, stripe, outcome, sum(n) AS n
              FROM (SELECT n.campaign_id, n.wave_index, (n.seq % 16)::smallint AS stripe,
                           patch_outcome(n.deployment_state) AS outcome, 1 AS n
                      FROM new_rows n JOIN old_rows o ON o.campaign_id = n.campaign_id AND o.seq = n.seq
                     WHERE patch_outcome(o.deployment_state) IS DISTINCT FROM patch_outcome(n.deployment_state)
                    UNION ALL
                    SELECT o.campaign_id, o.wave_index, (o.seq % 16)::smallint, patch_outcome(o.deployment_state), -1
                      FROM new_rows n JOIN old_rows o ON o.campaign_id = n.campaign_id AND o.seq = n.seq
                     WHERE patch_outcome(o.deployment_state) IS DISTINCT FROM patch_outcome(n.deployment_state)) d
             WHERE outcome IS NOT NULL
             GROUP BY 1, 2, 3, 4) c;
    IF changes IS NOT NULL THEN
        PERFORM patch_wave_count_apply(changes);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER campaign_target_counted_insert AFTER INSERT ON campaign_target
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_target_counted_insert();
CREATE TRIGGER campaign_target_counted_update AFTER UPDATE ON campaign_target
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION campaign_target_counted_update();

-- the campaigns there are already
INSERT INTO campaign_wave_count (campaign_id, wave_index, stripe, pending, in_progress, succeeded, failed, timed_out)
SELECT campaign_id, wave_index, (seq % 16)::smallint,
       count(*) FILTER (WHERE patch_outcome(deployment_state) = 'pending'),
       count(*) FILTER (WHERE patch_outcome(deployment_state) = 'in_progress'),
       count(*) FILTER (WHERE patch_outcome(deployment_state) = 'succeeded'),
       count(*) FILTER (WHERE patch_outcome(deployment_state) = 'failed'),
       count(*) FILTER (WHERE patch_outcome(deployment_state) = 'timed_out')
FROM campaign_target GROUP BY 1, 2, 3;
