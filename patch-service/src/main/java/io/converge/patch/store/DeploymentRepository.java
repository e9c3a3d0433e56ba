package io.converge.patch.store;

import io.converge.patch.domain.WaveProgress;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deployment actions: the rows of {@code campaign_target} as devices see them (action id, state, progress), with what
 * the device needs of its campaign and firmware.
 */
@ApplicationScoped
public class DeploymentRepository {

    /**
     * One device's action, joined with its campaign and firmware. {@code window} is the campaign's own, as JSON. A
     * rollback action ({@code rollback}) installs {@code version} = the device's previous firmware and replaces
     * {@code previousFirmware} = the campaign's version.
     */
    public record Action(UUID actionId, UUID campaignId, int seq, UUID assetId, String tag, UUID siteId,
            String previousFirmware, String state, int progress, String message, int wave, String campaignState,
            int currentWave, String window, UUID firmwareId, String version, String sha256, String signature,
            boolean rollback) {
    }

    /** A target whose rollback was decided: {@code state} pending (offered on the next poll) or unavailable. */
    public record RollbackDecision(UUID assetId, String tag, String state, String reason) {
    }

    /** States of an action offered to its device and not finished. */
    public static final String OPEN = "('offered', 'downloading', 'downloaded', 'installing')";

    static final String COLUMNS = "t.action_id, t.campaign_id, t.seq, t.asset_id, t.tag, t.site_id,"
            + " t.previous_firmware, t.deployment_state, t.progress, t.message, t.wave_index, c.state AS campaign_state,"
            + " c.current_wave, (c.plan_spec -> 'window')::text AS window, c.firmware_id, f.version, f.sha256,"
            + " f.signature, false AS rollback";
    static final String FROM = " FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id"
            + " JOIN firmware f ON f.id = c.firmware_id";
    /** A rollback action, mapped onto the same columns: from the campaign's version back to the previous one. */
    static final String RB_COLUMNS = "t.rollback_action_id AS action_id, t.campaign_id, t.seq, t.asset_id,"
            + " t.tag, t.site_id, f.version AS previous_firmware, t.rollback_state AS deployment_state,"
            + " t.rollback_progress AS progress, t.rollback_message AS message, t.wave_index,"
            + " c.state AS campaign_state, c.current_wave, (c.plan_spec -> 'window')::text AS window,"
            + " t.rollback_firmware_id AS firmware_id, pf.version, pf.sha256, pf.signature, true AS rollback";
    static final String RB_FROM = " FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id"
            + " JOIN firmware f ON f.id = c.firmware_id JOIN firmware pf ON pf.id = t.rollback_firmware_id";
    /** Rollback actions to offer or offered and not finished; a cancelled campaign withdraws its rollbacks. */
    static final String RB_OPEN = "('pending', 'offered', 'downloading', 'downloaded', 'installing')";

    private final Pool pool;

    public DeploymentRepository(Pool pool) {
        this.pool = pool;
    }

    /** Failed updates get their rollback decided (once each). */
    public Uni<List<RollbackDecision>> rollBackFailed(SqlClient c, List<UUID> actionIds) {
        return decideRollback(c, "t.action_id = ANY($1) AND t.deployment_state = 'failed'",
                actionIds.toArray(UUID[]::new));
    }

    /** Every device the campaign updated successfully gets its rollback decided (once). */
    public Uni<List<RollbackDecision>> rollBackCampaign(SqlClient c, UUID campaign) {
        return decideRollback(c, "t.campaign_id = $1 AND t.deployment_state = 'succeeded'", campaign);
    }

    /**
     * The rules of {@link io.converge.patch.domain.Rollback}, in one statement: the previous firmware must have been
     * recorded, differ from the campaign's, and be in the catalog (same vendor, verified or released) for a pending
     * rollback action; otherwise the rollback is unavailable with the reason. Targets decided before are left alone.
     */
    private Uni<List<RollbackDecision>> decideRollback(SqlClient c, String where, Object key) {
        return c.preparedQuery("WITH r AS (SELECT t.campaign_id, t.seq, t.previous_firmware, f.version AS cv,"
                + " (SELECT pf.id FROM firmware pf WHERE pf.vendor = f.vendor AND pf.version = t.previous_firmware"
                + " AND pf.version <> f.version AND pf.state IN ('verified', 'released')) AS fw"
                + " FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id JOIN firmware f ON f.id = c.firmware_id"
                + " WHERE " + where + " AND t.rollback_state IS NULL ORDER BY t.campaign_id, t.seq FOR UPDATE OF t)"
                + " UPDATE campaign_target t SET rollback_state = CASE WHEN r.fw IS NULL THEN 'unavailable'"
                + " ELSE 'pending' END, rollback_action_id = CASE WHEN r.fw IS NULL THEN NULL ELSE gen_random_uuid() END,"
                + " rollback_firmware_id = r.fw, rollback_progress = 0, updated_at = now(), rollback_reason = CASE"
                + " WHEN r.previous_firmware IS NULL OR btrim(r.previous_firmware) = ''"
                + " THEN 'no previous firmware was recorded before the update'"
                + " WHEN r.previous_firmware = r.cv THEN 'the previous firmware is the campaign''s firmware ' || r.cv"
                + " WHEN r.fw IS NULL THEN 'the previous firmware ' || r.previous_firmware"
                + " || ' is not in the catalog (verified or released)' END"
                + " FROM r WHERE t.campaign_id = r.campaign_id AND t.seq = r.seq"
                + " RETURNING t.asset_id, t.tag, t.rollback_state, t.rollback_reason")
                .execute(Tuple.of(key)).map(rs -> {
                    List<RollbackDecision> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new RollbackDecision(r.getUUID("asset_id"), r.getString("tag"),
                            r.getString("rollback_state"), r.getString("rollback_reason"))));
                    return out;
                });
    }

    /**
     * Marks timed-out the actions of running or paused campaigns not heard from since {@code cutoff}; the rows
     * changed.
     */
    public Uni<List<Action>> timeOut(SqlClient c, Instant cutoff) {
        return c.preparedQuery("UPDATE campaign_target t SET deployment_state = 'timed-out', updated_at = now(),"
                + " message = 'no feedback since ' || to_char(t.last_feedback_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM campaign c JOIN firmware f ON f.id = c.firmware_id"
                + " WHERE c.id = t.campaign_id AND c.state IN ('running', 'paused')"
                + " AND t.deployment_state IN " + OPEN + " AND t.last_feedback_at <= $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).map(rs -> {
                    List<Action> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    /**
     * Marks timed-out the rollback actions offered or in progress not heard from since {@code cutoff}, whatever the
     * campaign's state but cancelled (a rollback outlives its campaign's run); the rows changed.
     */
    public Uni<List<Action>> timeOutRollbacks(SqlClient c, Instant cutoff) {
        return c.preparedQuery("UPDATE campaign_target t SET rollback_state = 'timed-out', updated_at = now(),"
                + " rollback_message = 'no feedback since ' || to_char(t.rollback_last_feedback_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM campaign c JOIN firmware f ON f.id = c.firmware_id, firmware pf"
                + " WHERE c.id = t.campaign_id AND pf.id = t.rollback_firmware_id AND c.state <> 'cancelled'"
                + " AND t.rollback_state IN " + OPEN + " AND t.rollback_last_feedback_at <= $1 RETURNING " + RB_COLUMNS)
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).map(rs -> {
                    List<Action> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    /**
     * Device counts of one wave by outcome (kept by triggers in {@code campaign_wave_count}, V9); skipped devices do
     * not count, a rolled-back one is a failure. The errors a resume accepted ({@code campaign.accepted_errors}) are
     * left out of the wave: failures first, then timeouts.
     */
    public Uni<WaveProgress.Tally> tally(SqlClient c, UUID campaign, int wave) {
        return c.preparedQuery("SELECT coalesce(sum(pending), 0) AS pending, coalesce(sum(in_progress), 0) AS busy,"
                + " coalesce(sum(succeeded), 0) AS ok, coalesce(sum(failed), 0) AS failed,"
                + " coalesce(sum(timed_out), 0) AS timed_out,"
                + " (SELECT accepted_errors FROM campaign WHERE id = $1) AS accepted"
                + " FROM campaign_wave_count WHERE campaign_id = $1 AND wave_index = $2")
                .execute(Tuple.of(campaign, wave)).map(rs -> {
                    Row r = rs.iterator().next();
                    int accepted = r.getInteger("accepted") == null ? 0 : r.getInteger("accepted");
                    int failed = r.getLong("failed").intValue();
                    int timedOut = r.getLong("timed_out").intValue();
                    int fromFailed = Math.min(failed, accepted);
                    int fromTimedOut = Math.min(timedOut, accepted - fromFailed);
                    return new WaveProgress.Tally(r.getLong("pending").intValue(), r.getLong("busy").intValue(),
                            r.getLong("ok").intValue(), failed - fromFailed, timedOut - fromTimedOut);
                });
    }

    /** Devices of the campaign still to be offered their update or working on it, every wave. */
    public Uni<Integer> openCount(SqlClient c, UUID campaign) {
        return c.preparedQuery("SELECT coalesce(sum(pending + in_progress), 0) FROM campaign_wave_count"
                + " WHERE campaign_id = $1").execute(Tuple.of(campaign))
                .map(rs -> rs.iterator().next().getLong(0).intValue());
    }

    /** A resume accepts the current wave's errors so far: they stop counting towards its thresholds. */
    public Uni<Integer> acceptErrors(SqlClient c, UUID campaign) {
        return c.preparedQuery("UPDATE campaign c SET accepted_errors = (SELECT coalesce(sum(w.failed + w.timed_out), 0)"
                + " FROM campaign_wave_count w WHERE w.campaign_id = c.id AND w.wave_index = c.current_wave)"
                + " WHERE c.id = $1"
                + " RETURNING accepted_errors").execute(Tuple.of(campaign))
                .map(rs -> rs.size() == 0 ? 0 : rs.iterator().next().getInteger(0));
    }

    static Optional<Action> first(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        return rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next()));
    }

    static Action map(Row r) {
        return new Action(r.getUUID("action_id"), r.getUUID("campaign_id"), r.getInteger("seq"), r.getUUID("asset_id"),
                r.getString("tag"), r.getUUID("site_id"), r.getString("previous_firmware"),
                r.getString("deployment_state"), r.getInteger("progress"), r.getString("message"),
                r.getInteger("wave_index"), r.getString("campaign_state"), r.getInteger("current_wave"),
                r.getString("window"), r.getUUID("firmware_id"), r.getString("version"), r.getString("sha256"),
                r.getString("signature"), r.getBoolean("rollback"));
    }
}
