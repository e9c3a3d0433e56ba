package io.converge.bench.soak;

import io.converge.bench.common.BenchException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Telemetry over MQTT on top (the plant's sensors behind a broker): every INGEST_PERIOD_MS each of the MQTT_MACHINES
 * sensors of line SOAK-MQ-L00 publishes one JSON array (temperature, humidity, vibration, pressure at one time) to
 * {@code converge/SOAK-SITE/<tag>/telemetry} at QoS 1 through the local Mosquitto, one client, each publish waiting
 * for its PUBACK (the route's latency). The points of acknowledged publishes must all reach the point table.
 */
final class MqttDriver {

    static final String ROUTE = "MQTT publish QoS 1 converge/{site}/{tag}/telemetry";

    final AtomicLong published = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    volatile Instant first;
    volatile Instant last;

    private final Config cfg;
    private final Stats stats;
    private final String runId;

    MqttDriver(Config cfg, Stats stats, String runId) {
        this.cfg = cfg;
        this.stats = stats;
        this.runId = runId;
    }

    List<Runnable> workers(Fixture plant, long t0, long deadline) {
        if (plant.mqttLine == null) {
            return List.of();
        }
        List<String> tags = plant.mqttLine.tags();
        return List.of(() -> {
            MqttClient client = connect();
            try {
                Pacer.every(cfg.ingestPeriod(), t0 + cfg.ingestPeriod().toNanos() / 2, deadline,
                        () -> publish(client, tags));
            } finally {
                try {
                    client.disconnect(5_000);
                    client.close();
                } catch (MqttException ignored) {
                    // the run is over; the broker drops the session's connection by itself
                }
            }
        });
    }

    private MqttClient connect() {
        try {
            MqttClient c = new MqttClient(cfg.mqttUrl(), "converge-soak-" + runId, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(true);
            o.setConnectionTimeout(10);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            // a synchronous publish returns on its PUBACK before Paho has released its in-flight slot; with the
            // default limit of 10 a burst of publishes was now and then refused by the client itself, unsent
            // (REASON_CODE_MAX_INFLIGHT, 574 of 15,000 in a 10-minute run); one publish at a time never needs more
            o.setMaxInflight(1000);
            c.setTimeToWait(30_000);
            c.connect(o);
            return c;
        } catch (MqttException e) {
            throw new BenchException("MQTT broker not reachable at " + cfg.mqttUrl() + ": " + e.getMessage()
                    + " (MQTT_MACHINES=0 leaves MQTT out)", e);
        }
    }

    private void publish(MqttClient client, List<String> tags) {
        Instant ts = Instant.ofEpochMilli(System.currentTimeMillis());
        synchronized (this) {
            first = first == null ? ts : first;
            last = ts;
        }
        long s = ts.getEpochSecond();
        for (int i = 0; i < tags.size(); i++) {
            String t = ts.toString();
            String body = String.format(Locale.ROOT, "[{\"metric\":\"temperature\",\"ts\":\"%s\",\"value\":%.2f},"
                    + "{\"metric\":\"humidity\",\"ts\":\"%s\",\"value\":%.1f},{\"metric\":\"vibration\",\"ts\":\"%s\","
                    + "\"value\":%.3f},{\"metric\":\"pressure\",\"ts\":\"%s\",\"value\":%.3f}]", t,
                    21 + (s + i) % 40 * 0.05, t, 45 + (s % 17) * 0.2, t, 1.1 + (s + i) % 9 * 0.01, t,
                    2.4 + (s % 5) * 0.01);
            MqttMessage m = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            published.addAndGet(4);
            long t0 = System.nanoTime();
            try {
                client.publish("converge/SOAK-SITE/" + tags.get(i) + "/telemetry", m);
                stats.record(ROUTE, (System.nanoTime() - t0) / 1e6, null, null);
                acked.addAndGet(4);
            } catch (MqttException e) {
                stats.record(ROUTE, (System.nanoTime() - t0) / 1e6, "mqtt " + e.getReasonCode(),
                        tags.get(i) + ": " + e.getMessage());
            }
        }
    }
}
