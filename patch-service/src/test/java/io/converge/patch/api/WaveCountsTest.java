package io.converge.patch.api;

import static io.converge.patch.api.DeviceFixtures.alwaysOpen;
import static io.converge.patch.api.DeviceFixtures.feedback;
import static io.converge.patch.api.DeviceFixtures.poll;
import static io.converge.patch.api.DeviceFixtures.running;
import static io.converge.patch.api.DeviceFixtures.wave;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.patch.AssetRegistryStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-wave counters the triggers keep (V9) equal a recount of the targets after every kind of change: offers,
 * progress, results, a rollback decided, a timeout sweep, and across every campaign the tests have made.
 */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class WaveCountsTest {

    private static final String RECOUNT = "SELECT campaign_id, wave_index,"
            + " count(*) FILTER (WHERE patch_outcome(deployment_state) = 'pending') AS pending,"
            + " count(*) FILTER (WHERE patch_outcome(deployment_state) = 'in_progress') AS in_progress,"
            + " count(*) FILTER (WHERE patch_outcome(deployment_state) = 'succeeded') AS succeeded,"
            + " count(*) FILTER (WHERE patch_outcome(deployment_state) = 'failed') AS failed,"
            + " count(*) FILTER (WHERE patch_outcome(deployment_state) = 'timed_out') AS timed_out"
            + " FROM campaign_target GROUP BY 1, 2";
    private static final String COUNTERS = "SELECT campaign_id, wave_index, sum(pending) AS pending,"
            + " sum(in_progress) AS in_progress, sum(succeeded) AS succeeded, sum(failed) AS failed,"
            + " sum(timed_out) AS timed_out FROM campaign_wave_count GROUP BY 1, 2";

    @Inject
    Pool pool;

    @Inject
    DeviceTimeouts timeouts;

    /** Rows of one query missing from the other, both ways (counter rows of all zeros match no target rows). */
    private List<String> mismatches() {
        List<String> out = new ArrayList<>();
        for (String q : List.of("(" + RECOUNT + ") EXCEPT (" + COUNTERS + ")",
                "(" + COUNTERS + ") EXCEPT (" + RECOUNT + ")")) {
            pool.query(q).execute().await().indefinitely().forEach(r -> out.add(r.toJson().encode()));
        }
        return out.stream().filter(s -> !s.matches(".*\"pending\":0,\"in_progress\":0,\"succeeded\":0,\"failed\":0,"
                + "\"timed_out\":0.*")).toList();
    }

    private Map<String, Long> counts(String campaign) {
        Row r = pool.preparedQuery("SELECT sum(pending) AS p, sum(in_progress) AS i, sum(succeeded) AS s,"
                + " sum(failed) AS f, sum(timed_out) AS t FROM campaign_wave_count WHERE campaign_id = $1")
                .execute(Tuple.of(UUID.fromString(campaign))).await().indefinitely().iterator().next();
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : List.of("p", "i", "s", "f", "t")) {
            m.put(k, r.getLong(k));
        }
        return m;
    }

    @Test
    void countersFollowEveryChangeOfTheTargets() {
        alwaysOpen(pool, AssetRegistryStub.SITE);
        String firmware = CampaignFixtures.releasedFirmware();
        String id = running(pool, firmware, CampaignFixtures.site(), DeviceProtocolTest.plan());
        int n = DeviceFixtures.states(id).size();
        assertEquals(Map.of("p", (long) n, "i", 0L, "s", 0L, "f", 0L, "t", 0L), counts(id));

        List<String> canary = wave(id, 0);
        String a0 = poll(canary.get(0)).statusCode(200).extract().path("actionId");
        String a1 = poll(canary.get(1)).statusCode(200).extract().path("actionId");
        feedback(canary.get(0), a0, "downloading", 30).statusCode(200);
        assertEquals(Map.of("p", n - 1L, "i", 1L, "s", 0L, "f", 0L, "t", 0L), counts(id));
        feedback(canary.get(0), a0, "downloading", 60).statusCode(200);
        feedback(canary.get(0), a0, "installing", null).statusCode(200);
        assertEquals(Map.of("p", n - 1L, "i", 1L, "s", 0L, "f", 0L, "t", 0L), counts(id));
        feedback(canary.get(0), a0, "success", null).statusCode(200);
        feedback(canary.get(0), a0, "success", null).statusCode(200);
        feedback(canary.get(1), a1, "failure", null).statusCode(200);
        assertEquals(Map.of("p", n - 2L, "i", 0L, "s", 1L, "f", 1L, "t", 0L), counts(id));
        assertEquals(List.of(), mismatches());

        // the failure paused the canary (50 %): resume, then let the next wave's offers time out in one sweep
        DeviceFixtures.act("engineer", id, "resume");
        List<String> next = wave(id, DeviceFixtures.campaign(id).getInt("currentWave"));
        int offered = 0;
        for (String tag : next.subList(0, Math.min(3, next.size()))) {
            if (poll(tag).extract().statusCode() == 200) {
                offered++;
            }
        }
        timeouts.sweep(Instant.now().plus(Duration.ofHours(2))).await().indefinitely();
        assertEquals((long) offered, counts(id).get("t"));
        assertEquals(List.of(), mismatches(), "after the sweep, across all campaigns");
    }
}
