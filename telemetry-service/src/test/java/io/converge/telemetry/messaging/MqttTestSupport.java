package io.converge.telemetry.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Helpers of the MQTT ingest tests: a real paho client on the machine's Mosquitto, polling with a timeout, and reads
 * of the {@code point} / {@code latest_point} tables through the service's own reactive pool.
 */
final class MqttTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Unique per test JVM: metric names carry it, so runs and parallel test JVMs never see each other's rows. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicLong SEQ = new AtomicLong();
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));

    /** A stored row of {@code point}. */
    record Stored(String metric, Instant ts, Double value, String state, int quality) {
    }

    private MqttTestSupport() {
    }

    /** A timestamp (whole milliseconds, within the last 20 minutes) that no other test of this JVM uses. */
    static Instant ts() {
        return BASE.plusMillis(SEQ.incrementAndGet());
    }

    static MqttClient connect(String role) {
        try {
            String host = System.getenv().getOrDefault("CONVERGE_MQTT_HOST", "127.0.0.1");
            MqttClient c = new MqttClient("tcp://" + host + ":1883", "tel-it-" + role + "-" + RUN + "-"
                    + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setConnectionTimeout(10);
            // paho allows 10 unacknowledged QoS 1 publishes by default; tests publish faster than the broker acks
            o.setMaxInflight(1000);
            c.connect(o);
            return c;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect to the MQTT broker", e);
        }
    }

    /** Publishes with QoS 1; returns when the broker acknowledged it (not the service). */
    static void publish(MqttClient c, String topic, byte[] payload) {
        try {
            c.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    static void close(MqttClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(2000);
            }
            c.close();
        } catch (MqttException e) {
            // best effort at the end of a test class
        }
    }

    /** Polls {@code probe} until {@code done} holds for its value; fails with the last value after the timeout. */
    static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }

    /**
     * Repeats {@code action} until {@code stored} holds (MQTT subscriptions with clean sessions lose what is published
     * before they exist, so the first message of a test class is retried until the service takes it).
     */
    static void warmUp(String what, Runnable action, Supplier<Boolean> stored) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            action.run();
            try {
                await(what, Duration.ofSeconds(2), stored, Boolean::booleanValue);
                return;
            } catch (AssertionError notYet) {
                // not subscribed or registry view not loaded yet: publish again
            }
        }
        throw new AssertionError("the service never stored " + what);
    }

    static List<Stored> rows(Pool pool, UUID asset, String metric) {
        List<Stored> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT metric, ts, value, state, quality FROM point"
                + " WHERE asset_id = $1 AND metric = $2 ORDER BY ts").execute(Tuple.of(asset, metric))
                .await().atMost(Duration.ofSeconds(10))) {
            out.add(stored(r));
        }
        return out;
    }

    /** Rows of one asset whose metric starts with {@code prefix}, by metric then time. */
    static List<Stored> rowsLike(Pool pool, UUID asset, String prefix) {
        List<Stored> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT metric, ts, value, state, quality FROM point"
                + " WHERE asset_id = $1 AND starts_with(metric, $2) ORDER BY metric, ts")
                .execute(Tuple.of(asset, prefix)).await().atMost(Duration.ofSeconds(10))) {
            out.add(stored(r));
        }
        return out;
    }

    static long count(Pool pool, UUID asset, String metric) {
        return rows(pool, asset, metric).size();
    }

    static Optional<Stored> latest(Pool pool, UUID asset, String metric) {
        var rs = pool.preparedQuery("SELECT metric, ts, value, state, quality FROM latest_point"
                + " WHERE asset_id = $1 AND metric = $2").execute(Tuple.of(asset, metric))
                .await().atMost(Duration.ofSeconds(10));
        return rs.size() == 0 ? Optional.empty() : Optional.of(stored(rs.iterator().next()));
    }

    /** Current value of the rejected-points counter of a channel and reason (0 before the first increment). */
    static double rejected(MeterRegistry registry, String channel, String reason) {
        Counter c = registry.find("converge.telemetry.points.rejected").tag("channel", channel).tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static Stored stored(Row r) {
        return new Stored(r.getString("metric"), r.getOffsetDateTime("ts").toInstant(), r.getDouble("value"),
                r.getString("state"), r.getInteger("quality"));
    }
}
