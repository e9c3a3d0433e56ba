package io.converge.telemetry.messaging;

import static io.converge.telemetry.messaging.MqttTestSupport.RUN;
import static io.converge.telemetry.messaging.MqttTestSupport.TIMEOUT;
import static io.converge.telemetry.messaging.MqttTestSupport.await;
import static io.converge.telemetry.messaging.MqttTestSupport.count;
import static io.converge.telemetry.messaging.MqttTestSupport.latest;
import static io.converge.telemetry.messaging.MqttTestSupport.rows;
import static io.converge.telemetry.messaging.MqttTestSupport.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.telemetry.RegistryStub;
import io.converge.telemetry.ingest.IngestService;
import io.converge.telemetry.messaging.MqttTestSupport.Stored;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KafkaTopicReader.Received;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain JSON telemetry over the machine's Mosquitto, published with a real paho client at QoS 1 and followed into
 * PostgreSQL and onto Kafka.
 */
@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
class MqttJsonIngestTest {

    private static final String TAG = "TEL-MQTT-1";
    private static final UUID ASSET = RegistryStub.id(TAG);
    private static final String TOPIC = "converge/S1/" + TAG + "/telemetry";
    private static MqttClient client;

    @Inject
    Pool pool;

    @Inject
    IngestService ingest;

    @Inject
    MeterRegistry registry;

    private static String metric(String name) {
        return "it." + RUN + "." + name;
    }

    private static String point(String metric, Instant ts, Object value) {
        String v = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return "{\"metric\":\"" + metric + "\",\"ts\":\"" + ts + "\",\"value\":" + v + "}";
    }

    private static void send(String topic, String payload) {
        MqttTestSupport.publish(client, topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private List<Stored> awaitRows(UUID asset, String metric, int n) {
        return await(n + " rows of " + metric, TIMEOUT, () -> rows(pool, asset, metric), r -> r.size() >= n);
    }

    @BeforeEach
    void subscribedAndLoaded() {
        if (client != null) {
            return;
        }
        await("the registry view", Duration.ofSeconds(60), ingest::ready, Boolean::booleanValue);
        client = MqttTestSupport.connect("json");
        String warm = metric("warmup");
        MqttTestSupport.warmUp("a warm-up point", () -> send(TOPIC, point(warm, ts(), 0)),
                () -> count(pool, ASSET, warm) > 0);
    }

    @AfterAll
    static void disconnect() {
        MqttTestSupport.close(client);
        client = null;
    }

    @Test
    void singleObjectIsStoredAndMovesTheLatestValue() {
        String m = metric("single");
        Instant t1 = ts();
        Instant t0 = t1.minusSeconds(5);
        Instant t2 = t1.plusSeconds(5);
        send(TOPIC, point(m, t1, 21.5));
        Stored row = awaitRows(ASSET, m, 1).get(0);
        assertEquals(new Stored(m, t1, 21.5, null, 0), row);
        assertEquals(new Stored(m, t1, 21.5, null, 0), latest(pool, ASSET, m).orElseThrow());

        send(TOPIC, point(m, t0, 1.0)); // older: stored, but the latest value never moves back in time
        awaitRows(ASSET, m, 2);
        assertEquals(t1, latest(pool, ASSET, m).orElseThrow().ts());

        send(TOPIC, "{\"metric\":\"" + m + "\",\"ts\":\"" + t2 + "\",\"value\":\"stopped\",\"quality\":\"uncertain\"}");
        awaitRows(ASSET, m, 3);
        assertEquals(new Stored(m, t2, null, "stopped", 1), latest(pool, ASSET, m).orElseThrow());
    }

    @Test
    void arrayOfFiftyPointsIsStored() {
        String m = metric("array");
        List<String> points = new ArrayList<>();
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Instant t = ts();
            sent.add(t);
            points.add(point(m, t, i * 0.5));
        }
        send(TOPIC, "[" + String.join(",", points) + "]");
        List<Stored> stored = awaitRows(ASSET, m, 50);
        assertEquals(50, stored.size());
        assertEquals(sent, stored.stream().map(Stored::ts).toList());
        assertEquals(24.5, stored.get(49).value());
        assertEquals(sent.get(49), latest(pool, ASSET, m).orElseThrow().ts());
    }

    @Test
    void theSameMessagePublishedTwiceIsStoredOnce() {
        String m = metric("dup");
        String payload = "[" + point(m, ts(), 7) + "," + point(m, ts(), 8) + "]";
        send(TOPIC, payload);
        send(TOPIC, payload);
        String sentinel = metric("dup-after");
        send(TOPIC, point(sentinel, ts(), 1)); // handled after both copies: the stream keeps arrival order
        awaitRows(ASSET, sentinel, 1);
        assertEquals(2, count(pool, ASSET, m));
        // and a copy arriving much later (another batch, ON CONFLICT path) is not stored again either
        send(TOPIC, payload);
        String sentinel2 = metric("dup-after2");
        send(TOPIC, point(sentinel2, ts(), 1));
        awaitRows(ASSET, sentinel2, 1);
        assertEquals(2, count(pool, ASSET, m));
    }

    @Test
    void messagesThatAreNotJsonAreDroppedWithoutBlockingTheStream() {
        double before = MqttTestSupport.rejected(registry, "mqtt", "malformed-message");
        send(TOPIC, "this is not JSON");
        MqttTestSupport.publish(client, TOPIC, new byte[] {(byte) 0xff, 0x00, (byte) 0xfe});
        send(TOPIC, "[" + point(metric("cut"), ts(), 1)); // truncated array
        String good = metric("after-garbage");
        Instant t = ts();
        send(TOPIC, point(good, t, 42));
        assertEquals(42.0, awaitRows(ASSET, good, 1).get(0).value());
        assertEquals(0, count(pool, ASSET, metric("cut")));
        await("the malformed-message counter", TIMEOUT,
                () -> MqttTestSupport.rejected(registry, "mqtt", "malformed-message"), n -> n >= before + 3);
    }

    @Test
    void invalidPointsAreRefusedAloneWithinAMessage() {
        String m = metric("mixed");
        Instant ok = ts();
        send(TOPIC, "[" + point(m, ok, 1) + "," + point(m, ts(), "NaN").replace("\"NaN\"", "NaN") + ","
                + point("9-bad-metric", ts(), 2) + "," + point(m, ts().plus(Duration.ofHours(1)), 3) + ","
                + "{\"asset\":\"TEL-MQTT-2\",\"metric\":\"" + m + "\",\"ts\":\"" + ts() + "\",\"value\":4}" + "]");
        assertEquals(List.of(new Stored(m, ok, 1.0, null, 0)), awaitRows(ASSET, m, 1));
        String sentinel = metric("mixed-after");
        send(TOPIC, point(sentinel, ts(), 1));
        awaitRows(ASSET, sentinel, 1);
        assertEquals(1, count(pool, ASSET, m), "NaN, bad metric, future ts and foreign asset are refused");
        assertEquals(0, count(pool, RegistryStub.id("TEL-MQTT-2"), m));
    }

    @Test
    void quarantinedAssetIsNotStoredAndIsReportedAsASecurityFinding() {
        String quarTag = "TEL-QUAR-1";
        UUID quar = RegistryStub.id(quarTag);
        String m = metric("quar");
        String topic = "converge/S1/" + quarTag + "/telemetry";
        try (KafkaTopicReader security = new KafkaTopicReader("converge.security.events")) {
            Instant started = Instant.now().minusSeconds(1);
            // findings are throttled per asset and kind (1 min): if another test reported this asset just before,
            // the next report comes with the first point after the interval, so keep sending until one arrives
            Received finding = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(100));
            while (finding == null && Instant.now().isBefore(deadline)) {
                send(topic, point(m, ts(), 1));
                try {
                    finding = security.await(r -> isQuarantineFinding(r, quar, started), Duration.ofSeconds(5));
                } catch (AssertionError notYet) {
                    // throttled: publish again
                }
            }
            assertTrue(finding != null, "no telemetry-from-quarantined-asset finding for " + quarTag);
            JsonNode data = finding.value().get("data");
            assertEquals(quar.toString(), finding.key());
            assertEquals(quar.toString(), finding.value().get("subject").asText());
            assertEquals(quarTag, data.get("assetTag").asText());
            assertEquals("mqtt", data.get("channel").asText());
            assertEquals("mqtt:" + topic, data.get("source").asText());
            assertEquals("critical", data.get("severity").asText());
            assertEquals("telemetry-service", data.get("reporter").asText());
            assertTrue(data.get("count").asLong() >= 1);
        }
        String sentinel = metric("quar-after");
        send(TOPIC, point(sentinel, ts(), 1));
        awaitRows(ASSET, sentinel, 1);
        assertEquals(0, count(pool, quar, m));
        assertTrue(latest(pool, quar, m).isEmpty());
    }

    private static boolean isQuarantineFinding(Received r, UUID asset, Instant after) {
        JsonNode data = r.value().path("data");
        return "io.converge.security.finding".equals(r.value().path("type").asText())
                && "telemetry-from-quarantined-asset".equals(data.path("kind").asText())
                && asset.toString().equals(data.path("assetId").asText())
                && !Instant.parse(data.path("lastSeen").asText()).isBefore(after);
    }

    @Test
    void acceptedPointsArePublishedToKafkaKeyedByAsset() {
        String m = metric("kafka");
        Instant t1 = ts();
        Instant t2 = ts();
        Set<String> seen = new HashSet<>();
        try (KafkaTopicReader points = new KafkaTopicReader("converge.telemetry.points")) {
            send(TOPIC, "[" + point(m, t1, 1.25) + "," + point(m, t2, "on") + "," + point("9bad", ts(), 1) + "]");
            Received r = points.await(rec -> ASSET.toString().equals(rec.key()) && hasMetric(rec, m), TIMEOUT);
            JsonNode ce = r.value();
            JsonNode data = ce.get("data");
            assertEquals("io.converge.telemetry.points", ce.get("type").asText());
            assertEquals(ASSET.toString(), ce.get("subject").asText());
            assertEquals("1.0", ce.get("specversion").asText());
            assertFalse(ce.get("id").asText().isBlank());
            assertEquals(ASSET.toString(), data.get("assetId").asText());
            assertEquals(TAG, data.get("assetTag").asText());
            assertEquals(RegistryStub.SITE.toString(), data.get("siteId").asText());
            assertEquals("mqtt", data.get("channel").asText());
            for (JsonNode p : data.get("points")) {
                assertFalse("9bad".equals(p.get("metric").asText()), "a refused point is never published");
                if (!m.equals(p.get("metric").asText())) {
                    continue;
                }
                Instant ts = Instant.parse(p.get("ts").asText());
                seen.add(ts.toString());
                assertEquals("good", p.get("quality").asText());
                if (ts.equals(t1)) {
                    assertEquals(1.25, p.get("value").asDouble());
                    assertFalse(p.has("state"));
                } else {
                    assertEquals(t2, ts);
                    assertEquals("on", p.get("state").asText());
                    assertFalse(p.has("value"));
                }
            }
        }
        assertEquals(Set.of(t1.toString(), t2.toString()), seen, "both points in the asset's one batch event");
    }

    private static boolean hasMetric(Received r, String metric) {
        for (JsonNode p : r.value().path("data").path("points")) {
            if (metric.equals(p.path("metric").asText())) {
                return true;
            }
        }
        return false;
    }
}
