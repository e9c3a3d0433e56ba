package io.converge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker killed with SIGKILL ({@code ./converge kill kafka}) and started again: what the services commit
 * meanwhile waits in their outboxes (counted there, exactly) and is delivered once Kafka is back — each event on its
 * topic (no gap; a redelivered copy keeps its event id), the outboxes empty; the consumers go on: assets registered
 * during the outage reach telemetry-, kpi- and security-service, and the KPI windows of points ingested during the
 * outage equal the figures computed from those points by hand (nothing counted twice).
 */
class KafkaKillTest {

    private static final int ASSETS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @BeforeEach
    void healthy() {
        Suite.ensureHealthy();
    }

    @AfterEach
    void leaveHealthy() {
        Suite.ensureHealthy();
    }

    @Test
    void outboxesHoldWhatIsCommittedWhileKafkaIsDownAndConsumersResumeWithoutGapOrDoubleCounting() throws Exception {
        // an asset of the test's own with KPI bindings, known to every service before the fault
        String kpiTag = "REL-KAFKA-" + run + "-KPI";
        String kpiId = Api.registerAsset(kpiTag, "kafka");
        Poll.until("kpi-service knows " + kpiTag, TIMEOUT, () -> Api.get(Api.user("viewer"), oee(kpiTag,
                Instant.now().minusSeconds(600), Instant.now())), a -> a.status() == 200);
        Api.Answer binding = Api.json(Api.user("engineer"), "PUT", "/api/v1/kpis/bindings/asset:" + kpiTag, Map.of(
                "stateMetric", "machine.state", "goodCountMetric", "count.good", "scrapCountMetric", "count.scrap"));
        assertEquals(201, binding.status(), binding.body());
        Poll.until("telemetry-service knows " + kpiTag, TIMEOUT, () -> Api.post(Api.device(),
                "/api/v1/telemetry/points", List.of(Map.of("asset", kpiTag, "metric", "reliability.warmup", "ts",
                        Instant.now().minusSeconds(1).toString(), "value", 0))),
                a -> a.ok() && a.json().path("accepted").asInt() == 1);
        Poll.until("the warm-up point relayed", TIMEOUT, () -> outbox("telemetry", List.of(kpiId)), n -> n == 0);
        Map<Integer, Long> assetEventsFrom = Topics.ends("converge.asset.events");
        Map<Integer, Long> pointsFrom = Topics.ends("converge.telemetry.points");
        String device = Api.device();
        String engineer = Api.user("engineer");
        String viewer = Api.user("viewer");

        // T: a whole minute 6 minutes ago; the machine runs from T to T+240 s, the counters (good, scrap) go
        // 0/0, 30/1, 55/3, 80/3, 100/4 at T, T+60 … T+240: the windows [T, T+60), [T+60, T+120), [T+120, T+180)
        // hold 30/1, 25/2, 25/0 (closed: the latest sample is 30 s or more past their end)
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(6));
        int[][] counters = {{0, 0}, {30, 1}, {55, 3}, {80, 3}, {100, 4}};
        List<String> assetIds = new ArrayList<>();
        Suite.during("kill", "kafka", () -> {
            for (int i = 0; i < ASSETS; i++) {
                assetIds.add(Api.registerAsset("REL-KAFKA-" + run + "-A" + i, "kafka"));
            }
            for (int i = 0; i < counters.length; i++) {
                String ts = t.plusSeconds(60L * i).toString();
                Api.Answer a = Api.post(device, "/api/v1/telemetry/points", List.of(
                        Map.of("asset", kpiTag, "metric", "machine.state", "ts", ts, "value", "running"),
                        Map.of("asset", kpiTag, "metric", "count.good", "ts", ts, "value", counters[i][0]),
                        Map.of("asset", kpiTag, "metric", "count.scrap", "ts", ts, "value", counters[i][1])));
                assertEquals(200, a.status(), a.body());
                assertEquals(3, a.json().path("accepted").asInt(), a.body());
            }
            // the outboxes hold exactly what was committed: one created event per asset, one points event per batch
            assertEquals(ASSETS, outbox("asset", assetIds), "asset-service's outbox while Kafka is down");
            assertEquals(counters.length, outbox("telemetry", List.of(kpiId)),
                    "telemetry-service's outbox while Kafka is down");
            Poll.sleep(Suite.outage(Duration.ofSeconds(3)));
            assertEquals(ASSETS, outbox("asset", assetIds), "asset-service's outbox later in the outage");
        });

        // delivered once Kafka is back: the outboxes empty, every event on its topic
        Poll.until("asset-service's outbox delivered", TIMEOUT, () -> outbox("asset", assetIds), n -> n == 0);
        Poll.until("telemetry-service's outbox delivered", TIMEOUT, () -> outbox("telemetry", List.of(kpiId)),
                n -> n == 0);
        List<Topics.Read> created = Topics.read("converge.asset.events", assetEventsFrom,
                r -> assetIds.contains(r.key()), l -> distinctIds(l) >= ASSETS, TIMEOUT);
        assertEquals(ASSETS, distinctIds(created), "created events on converge.asset.events: " + created);
        List<Topics.Read> points = Topics.read("converge.telemetry.points", pointsFrom,
                r -> kpiId.equals(r.key()) && r.value().contains("count.good"),
                l -> distinctIds(l) >= counters.length, TIMEOUT);
        assertEquals(counters.length, distinctIds(points), "points events on converge.telemetry.points");
        Suite.log("after the restart: " + created.size() + " asset event records (" + distinctIds(created)
                + " events), " + points.size() + " points records (" + distinctIds(points) + " events)");

        // the consumers went on: the assets registered during the outage reached every view
        for (int i = 0; i < ASSETS; i++) {
            String tag = "REL-KAFKA-" + run + "-A" + i;
            Poll.until("telemetry-service accepts points of " + tag, TIMEOUT, () -> Api.post(device,
                    "/api/v1/telemetry/points", List.of(Map.of("asset", tag, "metric", "reliability.probe", "ts",
                            Instant.now().minusSeconds(1).toString(), "value", 1))),
                    a -> a.ok() && a.json().path("accepted").asInt() == 1);
            Poll.until("kpi-service knows " + tag, TIMEOUT, () -> Api.get(viewer, oee(tag,
                    Instant.now().minusSeconds(600), Instant.now())), a -> a.status() == 200);
        }
        for (Topics.Read r : created) {
            Poll.until("security-service's asset view past " + r.partition() + "@" + r.offset(), TIMEOUT,
                    () -> Topics.committed("security-service-assets", "converge.asset.events", r.partition()),
                    o -> o > r.offset());
        }

        // the raw points as stored, and the KPI windows computed from them: equal to the figures by hand
        assertEquals(3L * counters.length, Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id ="
                + " ?::uuid AND metric IN ('machine.state', 'count.good', 'count.scrap')", kpiId), "raw points");
        JsonNode series = Poll.until("the three closed windows of " + kpiTag, TIMEOUT, () -> Api.get(viewer,
                oee(kpiTag, t, t.plusSeconds(180)) + "&bucket=PT1M").json(), j -> j != null && windows(j) == 3);
        double[][] expected = {{30, 1}, {25, 2}, {25, 0}};
        for (int i = 0; i < expected.length; i++) {
            JsonNode f = series.path("buckets").get(i).path("figures");
            assertEquals(expected[i][0] + expected[i][1], f.path("producedQuantity").asDouble(), f.toString());
            assertEquals(expected[i][0], f.path("goodQuantity").asDouble(), f.toString());
            assertEquals(expected[i][1], f.path("scrapQuantity").asDouble(), f.toString());
            assertEquals(60, f.path("actualProductionSeconds").asDouble(), f.toString());
        }
        JsonNode total = series.path("total");
        assertEquals(83, total.path("producedQuantity").asDouble(), total.toString());
        assertEquals(80, total.path("goodQuantity").asDouble(), total.toString());
        assertEquals(180, total.path("actualProductionSeconds").asDouble(), total.toString());
    }

    private static String oee(String tag, Instant from, Instant to) {
        return "/api/v1/kpis/oee?scope=asset:" + tag + "&from=" + from + "&to=" + to;
    }

    private static int windows(JsonNode series) {
        int n = 0;
        for (JsonNode b : series.path("buckets")) {
            n += b.path("windows").asInt();
        }
        return n;
    }

    /** Events waiting in a service's outbox for the given record keys (asset ids). */
    private static long outbox(String database, List<String> keys) {
        return Db.number(database, "SELECT count(*) FROM outbox WHERE record_key = ANY (string_to_array(?, ','))",
                String.join(",", keys));
    }

    /** Distinct CloudEvent ids among records (a redelivered record keeps its id). */
    private static int distinctIds(List<Topics.Read> records) {
        Set<String> ids = new HashSet<>();
        for (Topics.Read r : records) {
            try {
                ids.add(Api.JSON.readTree(r.value()).path("id").asText());
            } catch (java.io.IOException e) {
                throw new AssertionError("unreadable record " + r, e);
            }
        }
        return ids.size();
    }
}
