package io.converge.telemetry.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.RegistryStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost across a restart: points published over MQTT while the service is down wait in its persistent
 * session and are stored when it starts (the backlog arrives before the pipeline listens; see MqttSessionRestart).
 * The backlog is twelve times what the service may hold unacknowledged here and three times its channel's buffer:
 * the broker sends it all within moments of the first acknowledgements (Mosquitto 2.0.11), so the socket must be
 * paused ({@link MqttFlowControl}) or the buffer overflows and the channel fails for good.
 */
@QuarkusTest
@TestProfile(MqttBacklogTest.Persistent.class)
class MqttBacklogTest {

    static final int BACKLOG = 6000;
    static final int MAX_UNACKNOWLEDGED = 500;
    static final String CLIENT = "converge-telemetry-backlog-test";
    static final String METRIC = "backlog_" + Long.toString(System.currentTimeMillis(), 36);

    /** A persistent JSON session under its own client id; the backlog is published before the service starts. */
    public static class Persistent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("converge.mqtt.client-id", CLIENT,
                    "mp.messaging.incoming.mqtt-json.auto-clean-session", "false",
                    "converge.mqtt.max-unacknowledged", String.valueOf(MAX_UNACKNOWLEDGED),
                    "mp.messaging.incoming.mqtt-json.buffer-size", "2000");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(RegistryStub.class), new TestResourceEntry(Backlog.class));
        }
    }

    /** Creates the service's session on the broker, then publishes while it is offline; removes it at the end. */
    public static class Backlog implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                session(true).disconnect();
                MqttClient service = session(false);
                service.subscribe("converge/+/+/telemetry", 1);
                service.disconnect();
                MqttClient device = new MqttClient("tcp://127.0.0.1:1883", "backlog-device-" + UUID.randomUUID(),
                        new MemoryPersistence());
                MqttConnectOptions deviceOptions = new MqttConnectOptions();
                deviceOptions.setMaxInflight(BACKLOG * 2);
                device.connect(deviceOptions);
                Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
                for (int i = 0; i < BACKLOG; i++) {
                    String body = "{\"metric\":\"" + METRIC + "\",\"ts\":\"" + base.plusMillis(50L * i)
                            + "\",\"value\":" + i + "}";
                    device.publish("converge/S1/TEL-MQTT-1/telemetry", body.getBytes(StandardCharsets.UTF_8), 1,
                            false);
                }
                device.disconnect();
                device.close();
            } catch (MqttException e) {
                throw new IllegalStateException("cannot prepare the MQTT backlog", e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            try {
                session(true).disconnect();
            } catch (MqttException e) {
                // best effort: the session only holds test traffic
            }
        }

        private static MqttClient session(boolean clean) throws MqttException {
            MqttClient c = new MqttClient("tcp://127.0.0.1:1883", CLIENT + "-json", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(clean);
            c.connect(o);
            return c;
        }
    }

    @Inject
    Pool pool;

    @Inject
    MqttFlowControl flow;

    @Test
    void pointsPublishedWhileTheServiceWasDownAreStoredOnceItStarts() throws InterruptedException {
        long stored = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            stored = pool.preparedQuery("SELECT count(*) FROM point WHERE asset_id = $1 AND metric = $2")
                    .execute(Tuple.of(RegistryStub.id("TEL-MQTT-1"), METRIC)).await().indefinitely().iterator().next()
                    .getLong(0);
            if (stored == BACKLOG) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals(BACKLOG, stored, "points of the backlog stored");
        assertTrue(flow.pauses("mqtt-json") >= 1, "the socket was paused while the backlog arrived");
        assertTrue(flow.unacknowledged("mqtt-json") < MAX_UNACKNOWLEDGED, "messages left unacknowledged: "
                + flow.unacknowledged("mqtt-json"));
        RestAssured.get("/q/health/ready").then().statusCode(200);
    }
}
