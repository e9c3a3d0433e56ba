package io.converge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * telemetry-service killed with SIGKILL ({@code ./converge kill telemetry-service}) during sustained ingest over HTTP
 * (through the gateway, device token) and MQTT (QoS 1, straight to the broker as devices publish), then started again:
 * every point the service acknowledged over HTTP (200) is in PostgreSQL, every MQTT point the broker acknowledged
 * (PUBACK) — also those published while the service was down, which the broker kept in the service's persistent
 * session, among them a burst of {@link #BACKLOG} — is in PostgreSQL after the restart, and no point is stored twice.
 * The test's own assets, so the simulator's traffic does not count.
 */
class TelemetryKillTest {

    private static final int HTTP_POINTS = 10;
    /**
     * MQTT messages published in one burst while the service is down, on top of the steady load
     * ({@code -Dconverge.reliability.mqtt-backlog}). The broker hands such a backlog over within moments of the
     * restart (Mosquitto 2.0.11 sends another in-flight window for every PUBACK): before telemetry-service paused its
     * socket past converge.mqtt.max-unacknowledged, this overflowed its MQTT channel's buffer on every start.
     */
    private static final int BACKLOG = Integer.getInteger("converge.reliability.mqtt-backlog", 15_000);
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
    void everyAcknowledgedPointIsStoredOnceAfterASigkill() throws Exception {
        String httpTag = "REL-KILL-" + run + "-H";
        String mqttTag = "REL-KILL-" + run + "-M";
        String httpId = Api.registerAsset(httpTag, "kill");
        String mqttId = Api.registerAsset(mqttTag, "kill");
        for (String tag : List.of(httpTag, mqttTag)) {
            Poll.until("telemetry-service knows " + tag, Duration.ofSeconds(60), () -> Api.post(Api.device(),
                    "/api/v1/telemetry/points", List.of(Map.of("asset", tag, "metric", "reliability.warmup", "ts",
                            Instant.now().minusSeconds(1).toString(), "value", 0))),
                    a -> a.ok() && a.json().path("accepted").asInt() == 1);
        }

        Map<Integer, Integer> httpAnswers = new ConcurrentHashMap<>();
        AtomicBoolean down = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread http = Thread.ofPlatform().name("http-load").start(() -> {
            for (int i = 0; !stop.get(); i++) {
                httpAnswers.put(i, Api.post(Api.device(), "/api/v1/telemetry/points", httpBatch(httpTag, i))
                        .status());
                Poll.sleep(Duration.ofMillis(20));
            }
        });
        MqttLoad mqtt = new MqttLoad(run, "steady", mqttTag).steady(Duration.ofMillis(10), down::get);
        MqttLoad burst = new MqttLoad(run, "burst", mqttTag);

        long restartMs;
        try {
            Poll.sleep(Duration.ofSeconds(3));
            Suite.converge("kill", "telemetry-service");
            down.set(true);
            long killed = System.nanoTime();
            burst.burst(BACKLOG);
            Duration outage = Suite.outage(Duration.ofSeconds(4)).minusNanos(System.nanoTime() - killed);
            Poll.sleep(outage.isNegative() ? Duration.ZERO : outage);
            long start = System.nanoTime();
            try {
                Suite.converge("start", "telemetry-service");
            } finally {
                down.set(false);
                restartMs = (System.nanoTime() - start) / 1_000_000;
            }
            Poll.sleep(Duration.ofSeconds(3));
        } finally {
            stop.set(true);
            http.join(60_000);
            mqtt.close();
            burst.close();
        }

        // HTTP: an acknowledged batch is stored entirely; one not answered 200 is stored entirely or not at all
        int acked = 0;
        int refused = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, Integer> b : httpAnswers.entrySet()) {
            long stored = Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id = ?::uuid"
                    + " AND message_id LIKE ?", httpId, run + "-H" + b.getKey() + "-%");
            boolean ok = b.getValue() == 200;
            acked += ok ? HTTP_POINTS : 0;
            refused += ok ? 0 : 1;
            if (ok ? stored != HTTP_POINTS : stored != 0 && stored != HTTP_POINTS) {
                problems.add("HTTP batch " + b.getKey() + " answered " + b.getValue() + ", stored " + stored);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(refused > 0, "HTTP ingest ran into the outage");

        // MQTT: exactly the points the broker acknowledged, the queued ones included, once each
        long expected = mqtt.points() + burst.points();
        long stored = Poll.until("the " + expected + " MQTT points acknowledged by the broker stored",
                Duration.ofSeconds(90), () -> Db.number("telemetry", "SELECT count(*) FROM point WHERE"
                        + " asset_id = ?::uuid AND metric = 'reliability.load'", mqttId), n -> n >= expected);
        Poll.sleep(Duration.ofSeconds(2));
        long storedLater = Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id = ?::uuid AND metric"
                + " = 'reliability.load'", mqttId);
        long httpStored = Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id = ?::uuid AND metric"
                + " = 'reliability.load'", httpId);
        for (String id : List.of(httpId, mqttId)) {
            long distinct = Db.number("telemetry", "SELECT count(DISTINCT message_id) FROM point WHERE"
                    + " asset_id = ?::uuid AND metric = 'reliability.load'", id);
            long all = Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id = ?::uuid AND metric ="
                    + " 'reliability.load'", id);
            assertEquals(distinct, all, "duplicate points of asset " + id);
        }
        int whileDown = mqtt.ackedWhile() + burst.acked();
        Suite.log("HTTP: " + httpAnswers.size() + " batches, " + acked + " points acknowledged, " + refused
                + " batches refused, " + httpStored + " points stored; MQTT: " + (mqtt.acked() + burst.acked())
                + " messages (" + expected + " points) acknowledged by the broker, " + whileDown + " of them while"
                + " the service was down (a burst of " + burst.acked() + "), " + storedLater + " points stored;"
                + " restart took " + restartMs + " ms");
        assertEquals(expected, stored, "MQTT points stored");
        assertEquals(expected, storedLater, "MQTT points stored (2 s later)");
        assertTrue(mqtt.ackedWhile() > 0, "MQTT messages were published while the service was down");
        assertTrue(httpStored >= acked && httpStored <= (long) httpAnswers.size() * HTTP_POINTS,
                "HTTP points stored " + httpStored + " of " + acked + " acknowledged");
    }

    private List<Map<String, Object>> httpBatch(String tag, int i) {
        Instant ts = Instant.now().minusSeconds(1);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int j = 0; j < HTTP_POINTS; j++) {
            points.add(Map.of("asset", tag, "metric", "reliability.load", "ts", ts.plusMillis(j).toString(),
                    "value", j, "messageId", run + "-H" + i + "-" + j));
        }
        return points;
    }
}
