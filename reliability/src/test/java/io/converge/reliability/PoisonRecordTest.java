package io.converge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poison record (truncated JSON) on every partition of every consumed topic goes to {@code <topic>.dlq} once per
 * consuming service, with the reason in its headers, and each consumer keeps going: a good record written after the
 * poison on the same partition is applied (its effect is seen, or the service's group commits past it).
 *
 * <p>Consumers: converge.asset.events — kpi-, security- and telemetry-service; converge.telemetry.points — kpi-service;
 * converge.patch.events — asset- and security-service; converge.security.events — security-service;
 * converge.kpi.events — patch-service.
 */
class PoisonRecordTest {

    private static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** topic → the services consuming it (each dead-letters the poison once). */
    private static final Map<String, List<String>> CONSUMERS = new LinkedHashMap<>();

    static {
        CONSUMERS.put("converge.asset.events", List.of("kpi-service", "security-service", "telemetry-service"));
        CONSUMERS.put("converge.telemetry.points", List.of("kpi-service"));
        CONSUMERS.put("converge.patch.events", List.of("asset-service", "security-service"));
        CONSUMERS.put("converge.security.events", List.of("security-service"));
        CONSUMERS.put("converge.kpi.events", List.of("patch-service"));
    }

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
    void poisonOnEveryConsumedTopicIsDeadLetteredWithItsReasonAndTheConsumersKeepGoing() {
        // 1. the dead-letter topics' ends, then a poison record on every partition of every consumed topic
        Map<String, Map<Integer, Long>> dlqFrom = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> poisonAt = new LinkedHashMap<>();
        for (String topic : CONSUMERS.keySet()) {
            dlqFrom.put(topic, Topics.ends(topic + ".dlq"));
        }
        for (String topic : CONSUMERS.keySet()) {
            Map<Integer, Long> at = new LinkedHashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                at.put(p, Topics.write(topic, p, poisonKey(topic, p), poison(topic, p)));
            }
            poisonAt.put(topic, at);
        }
        Map<String, Map<Integer, Long>> afterPoison = new LinkedHashMap<>();
        CONSUMERS.keySet().forEach(t -> afterPoison.put(t, Topics.ends(t)));
        Suite.log("poison written: " + poisonAt);

        // 2. good records after the poison (whichever partition they land on, a poison precedes them there)
        String tag = "REL-POISON-" + run;
        String assetId = Api.registerAsset(tag, "poison");
        // telemetry-service's asset view took the asset (after the poison): a point of it is accepted; that point
        // goes to converge.telemetry.points (kpi-service)
        Poll.until("telemetry-service accepts points of " + tag, TIMEOUT,
                () -> Api.post(Api.device(), "/api/v1/telemetry/points", List.of(point(tag, 1))),
                a -> a.ok() && a.json().path("accepted").asInt() + a.json().path("duplicates").asInt() == 1);
        // an unknown device's point: telemetry-service reports it on converge.security.events (security-service)
        String unknown = "REL-POISON-" + run + "-UNKNOWN";
        Api.Answer refused = Api.post(Api.device(), "/api/v1/telemetry/points", List.of(point(unknown, 1)));
        assertEquals(200, refused.status(), refused.body());
        assertEquals("unknown-asset", refused.json().path("errors").path(0).path("reason").asText(), refused.body());
        // a deployment that succeeded (converge.patch.events): asset-service records the asset's new firmware
        String deployment = deploymentSucceeded(assetId, tag);
        new io.converge.testing.KafkaTopicWriter().send("converge.patch.events", assetId, deployment);
        // converge.kpi.events: a record patch-service's KPI guard reads and skips (a maintenance prediction), on every
        // partition after its poison (kpi-service's own window results need telemetry of lines: none may come)
        for (int p = 0; p < PARTITIONS; p++) {
            Topics.write("converge.kpi.events", p, "REL-POISON-" + run, "{\"specversion\":\"1.0\",\"id\":\""
                    + UUID.randomUUID() + "\",\"source\":\"/converge/kpi-service\",\"type\":"
                    + "\"io.converge.kpi.maintenance\",\"time\":\"" + Instant.now() + "\",\"subject\":\"REL-POISON-"
                    + run + "\",\"data\":{}}");
        }

        // 3. each poison is dead-lettered once per consuming service, with its reason
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : CONSUMERS.entrySet()) {
            String topic = e.getKey();
            int expected = PARTITIONS * e.getValue().size();
            List<Topics.Read> dead = Topics.read(topic + ".dlq", dlqFrom.get(topic), r -> r.value() != null
                    && r.value().startsWith(poisonPrefix(topic)), l -> l.size() >= expected, TIMEOUT);
            // anything more arriving shortly after would be a second copy
            dead = Topics.read(topic + ".dlq", dlqFrom.get(topic), r -> r.value() != null
                    && r.value().startsWith(poisonPrefix(topic)), l -> false, Duration.ofSeconds(3));
            Suite.log(topic + ".dlq: " + dead.size() + " poison records (expected " + expected + ")");
            if (dead.size() != expected) {
                problems.add(topic + ".dlq holds " + dead.size() + " copies of the poison, expected " + expected
                        + " (" + PARTITIONS + " partitions × " + e.getValue() + "): " + dead);
            }
            for (Topics.Read r : dead) {
                String reason = r.headers().get("dead-letter-reason");
                if (reason == null || reason.isBlank()) {
                    problems.add(topic + ".dlq record at " + r.offset() + " has no dead-letter-reason: "
                            + r.headers());
                }
                if (!topic.equals(r.headers().get("dead-letter-topic"))) {
                    problems.add(topic + ".dlq record at " + r.offset() + " names topic "
                            + r.headers().get("dead-letter-topic"));
                }
            }
            for (int p = 0; p < PARTITIONS; p++) {
                final int part = p;
                long copies = dead.stream().filter(r -> String.valueOf(part)
                        .equals(r.headers().get("dead-letter-partition"))).count();
                if (copies != e.getValue().size()) {
                    problems.add(topic + "-" + p + ": " + copies + " dead-lettered copies, expected "
                            + e.getValue().size());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        // 4. every consumer kept going past its poison
        // converge.asset.events: kpi-service's view knows the asset registered after the poison; security-service's
        // group committed past the asset's event (telemetry-service's view was shown above)
        Poll.until("kpi-service knows " + tag, TIMEOUT, () -> Api.get(Api.user("viewer"),
                "/api/v1/kpis/oee?scope=asset:" + tag + "&from=" + Instant.now().minusSeconds(600) + "&to="
                        + Instant.now()), a -> a.status() == 200);
        committedPast("security-service-assets", "converge.asset.events", afterPoison, assetId);
        committedPast("kpi-service", "converge.telemetry.points", afterPoison, assetId);
        committedPast("security-service-events", "converge.security.events", afterPoison, unknown);
        // converge.patch.events: asset-service applied the deployment, security-service's group committed past it
        Poll.until("asset-service recorded the deployed firmware of " + tag, TIMEOUT,
                () -> Api.get(Api.user("viewer"), "/api/v1/assets/" + assetId),
                a -> a.ok() && "1.0.1".equals(a.json().path("firmwareVersion").asText()));
        committedPast("security-service-patch", "converge.patch.events", afterPoison, assetId);
        // converge.kpi.events: patch-service committed past the poison and the record after it on every partition
        for (int p = 0; p < PARTITIONS; p++) {
            final int part = p;
            long poisonOffset = poisonAt.get("converge.kpi.events").get(p);
            Poll.until("patch-service's KPI guard past the poison on converge.kpi.events-" + p, Duration.ofMinutes(3),
                    () -> Topics.committed("patch-service-kpi", "converge.kpi.events", part),
                    o -> o >= poisonOffset + 2);
        }
    }

    /** Waits until {@code group} committed past the first record after the poison naming {@code id} (key or value). */
    private static void committedPast(String group, String topic, Map<String, Map<Integer, Long>> afterPoison,
            String id) {
        List<Topics.Read> good = Topics.read(topic, afterPoison.get(topic),
                r -> id.equals(r.key()) || (r.value() != null && r.value().contains(id)), l -> !l.isEmpty(), TIMEOUT);
        assertFalse(good.isEmpty(), "no record for " + id + " on " + topic + " after the poison");
        Topics.Read r = good.get(0);
        Poll.until(group + " committed past " + topic + "-" + r.partition() + "@" + r.offset(), TIMEOUT,
                () -> Topics.committed(group, topic, r.partition()), o -> o > r.offset());
        Suite.log(group + " went on past the poison on " + topic + "-" + r.partition() + " (good record at "
                + r.offset() + ")");
    }

    private String poisonKey(String topic, int partition) {
        return "poison-" + run + "-" + partition;
    }

    private String poisonPrefix(String topic) {
        return "{\"specversion\":\"1.0\",\"id\":\"poison-" + run + "-" + topic;
    }

    /** Truncated JSON: no reader can make anything of it. */
    private String poison(String topic, int partition) {
        return poisonPrefix(topic) + "-" + partition + "\",\"type\":\"io.converge.";
    }

    private static Map<String, Object> point(String tag, double value) {
        return Map.of("asset", tag, "metric", "reliability.probe", "ts", Instant.now().minusSeconds(1).toString(),
                "value", value);
    }

    private static String deploymentSucceeded(String assetId, String tag) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", UUID.randomUUID().toString());
        data.put("actionId", UUID.randomUUID().toString());
        data.put("assetId", assetId);
        data.put("assetTag", tag);
        data.put("firmwareId", UUID.randomUUID().toString());
        data.put("fromVersion", "1.0.0");
        data.put("toVersion", "1.0.1");
        data.put("state", "succeeded");
        data.put("rollback", false);
        data.put("at", Instant.now().toString());
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", UUID.randomUUID().toString());
        ce.put("source", "/converge/patch-service");
        ce.put("type", "io.converge.patch.deployment-succeeded");
        ce.put("subject", assetId);
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        try {
            return Api.JSON.writeValueAsString(ce);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
