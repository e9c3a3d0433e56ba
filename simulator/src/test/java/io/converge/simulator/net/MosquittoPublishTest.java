package io.converge.simulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.plant.Reading;
import io.converge.simulator.sparkplug.SparkplugEdge;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.junit.jupiter.api.Test;

/**
 * Publishes through the local Mosquitto (skipped when nothing listens on 127.0.0.1:1883) exactly as the simulator
 * does — a JSON message on converge/{site}/{tag}/telemetry and a Sparkplug B edge node's NBIRTH, DBIRTH and DDATA —
 * and reads them back with a subscriber. The metric is {@code sim.selftest} on demo sensors, which nothing binds, so
 * a running platform stores it harmlessly; when telemetry-service and Keycloak are up as well, the value must show
 * up in the asset's latest values.
 */
class MosquittoPublishTest {

    private static final String MQTT = "tcp://127.0.0.1:1883";
    private final ObjectMapper json = new ObjectMapper();

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void jsonAndSparkplugReachTheBrokerAsTelemetryServiceReadsThem() throws Exception {
        assumeFalse(Boolean.getBoolean("converge.simulator.mqtt-it.skip"), "skipped by -Dmqtt.it.skip=true");
        assumeTrue(listening(1883), "no MQTT broker on 127.0.0.1:1883");
        String run = UUID.randomUUID().toString().substring(0, 8);
        double value = Math.round(Math.random() * 10_000) / 100.0;
        BlockingQueue<Map.Entry<String, byte[]>> received = new LinkedBlockingQueue<>();
        try (MqttLink sub = new MqttLink(MQTT, "sim-test-sub-" + run, null, "converge/ACME-P1/SNS-L1-01/telemetry",
                (t, p) -> received.add(Map.entry(t, p)), null)) {
            sub.connect();
            MqttLink sp = new MqttLink(MQTT, "sim-test-spsub-" + run, null,
                    "spBv1.0/ACME-P1/+/SELFTEST-" + run + "/#", (t, p) -> received.add(Map.entry(t, p)), null);
            sp.connect();
            Instant now = Instant.now();
            try (MqttLink pub = new MqttLink(MQTT, "sim-test-pub-" + run, null, null, null, null)) {
                pub.connect();
                pub.publish(PointsJson.mqttTopic("ACME-P1", "SNS-L1-01"), new PointsJson(json).forMqtt(
                        List.of(new Reading("SNS-L1-01", "sim.selftest", now, value))));
            }
            Map.Entry<String, byte[]> m = received.poll(10, TimeUnit.SECONDS);
            assertEquals("converge/ACME-P1/SNS-L1-01/telemetry", m.getKey());
            JsonNode points = json.readTree(m.getValue());
            assertEquals("sim.selftest", points.get(0).get("metric").asText());
            assertEquals(value, points.get(0).get("value").asDouble());

            try (SparkplugNode node = new SparkplugNode(MQTT, "sim-test", new SparkplugEdge("ACME-P1",
                    "SELFTEST-" + run, 3))) {
                node.publish(List.of(new Reading("SNS-L1-02", "sim.selftest", now, value)), now);
                node.publish(List.of(new Reading("SNS-L1-02", "sim.selftest", now.plusSeconds(1), value + 1)),
                        now.plusSeconds(1));
                List<String> types = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Map.Entry<String, byte[]> e = received.poll(10, TimeUnit.SECONDS);
                    types.add(e.getKey().split("/")[2]);
                    if (types.get(i).equals("DDATA")) {
                        assertEquals(value + 1, Payload.parseFrom(e.getValue()).getMetrics(0).getDoubleValue());
                    }
                }
                assertEquals(List.of("NBIRTH", "DBIRTH", "DDATA"), types);
            }
            assertEquals("NDEATH", received.poll(10, TimeUnit.SECONDS).getKey().split("/")[2]);
            sp.close();
        }
        if (listening(8082) && listening(8180)) {
            assertStoredByTelemetryService(value);
        }
    }

    private void assertStoredByTelemetryService(double value) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Api api = new Api(http, "http://localhost:8082", Tokens.password(http, json,
                "http://localhost:8180/realms/converge", "converge-console", "viewer", "viewer"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            JsonNode latest = json.readTree(api.get("/api/v1/telemetry/latest?asset=SNS-L1-01", Map.of()).body());
            for (JsonNode m : latest.path("metrics")) {
                seen |= m.path("metric").asText().equals("sim.selftest") && m.path("value").asDouble() == value;
            }
            if (!seen) {
                Thread.sleep(500);
            }
        }
        assertTrue(seen, "telemetry-service stored sim.selftest = " + value + " for SNS-L1-01");
    }
}
