package io.converge.patch.api;

import static io.converge.patch.api.DeviceFixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.patch.AssetRegistryStub;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The KPI guard on a running campaign: devices of line 1 updated, the line's OEE (from kpi-service's windows) falls
 * from 0.9 before the campaign to 0.6 after the updates → paused by patch-service with the reason audited; a line
 * whose OEE holds leaves the campaign running.
 */
@QuarkusTest
class KpiGuardSupervisorTest {

    @Inject
    Pool pool;
    @Inject
    KpiGuardSupervisor guard;

    @Test
    void anOeeDropOnAnUpdatedLinePausesTheCampaign() {
        String id = running(pool, CampaignFixtures.releasedFirmware(), CampaignFixtures.site(),
                CampaignFixtures.plan());
        UUID line = AssetRegistryStub.LINE_1;
        Instant started = startedAt(id);
        // the guard looks 20 min after the start; line 1's devices were updated 10 min after it
        Instant now = started.plusSeconds(1200).truncatedTo(ChronoUnit.MINUTES);
        updated(id, line, started.plusSeconds(600));
        // baseline: 0.9 in the hour before the start; after the updates: 0.9 (holds) → nothing happens
        windows(line, started.minusSeconds(1800), 10, 0.9);
        windows(line, now.minusSeconds(540), 5, 0.9);
        assertTrue(guard.check(now).await().indefinitely().isEmpty(), "the OEE held: keep going");
        assertEquals("running", DeviceFixtures.campaign(id).getString("state"));
        // the line's OEE drops to 0.6 after the updates → paused, and why
        windows(line, now.minusSeconds(540), 5, 0.6);
        assertEquals(List.of(UUID.fromString(id)), guard.check(now).await().indefinitely());
        var audit = DeviceFixtures.audit(id);
        assertEquals("paused", DeviceFixtures.campaign(id).getString("state"));
        String detail = audit.getString("find { it.action == 'pause' }.detail");
        assertTrue(detail.contains("OEE of line " + line) && detail.contains("0.900") && detail.contains("0.600"),
                detail);
        assertEquals("patch-service", audit.getString("find { it.action == 'pause' }.actor"));
        assertTrue(guard.check(now).await().indefinitely().isEmpty(), "a paused campaign is not judged again");
    }

    /** Marks the campaign's targets on the line as updated at {@code at}. */
    private void updated(String campaign, UUID line, Instant at) {
        pool.preparedQuery("UPDATE campaign_target SET deployment_state = 'succeeded', last_feedback_at = $3"
                + " WHERE campaign_id = $1 AND line_id = $2").execute(Tuple.of(UUID.fromString(campaign), line,
                        at.atOffset(ZoneOffset.UTC))).await().indefinitely();
    }

    private Instant startedAt(String campaign) {
        return pool.preparedQuery("SELECT min(at) FROM campaign_audit WHERE campaign_id = $1 AND action = 'start'")
                .execute(Tuple.of(UUID.fromString(campaign))).await().indefinitely().iterator().next()
                .getOffsetDateTime(0).toInstant();
    }

    /** {@code n} 1-min windows of one asset of the line from {@code from}, each with the given OEE (A = Q = 1). */
    private void windows(UUID line, Instant from, int n, double oee) {
        UUID asset = UUID.nameUUIDFromBytes(line.toString().getBytes());
        for (int i = 0; i < n; i++) {
            pool.preparedQuery("INSERT INTO kpi_observation (asset_id, line_id, start_ts, revision, pbt_s, apt_s,"
                    + " ideal_s, pq, gq) VALUES ($1, $2, $3, 0, 60, 60, $4, 10, 10) ON CONFLICT (asset_id, start_ts)"
                    + " DO UPDATE SET ideal_s = EXCLUDED.ideal_s").execute(Tuple.of(asset, line,
                            from.plusSeconds(60L * i).truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC),
                            60 * oee)).await().indefinitely();
        }
    }
}
