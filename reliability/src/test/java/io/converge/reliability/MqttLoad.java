package io.converge.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT telemetry published as devices do, straight to the broker, QoS 1, {@link #POINTS} points a message with message
 * ids {@code <run>-M<n>-<j>} on metric {@code reliability.load}: a message counts as sent once the broker acknowledged
 * it (PUBACK), which is the promise telemetry-service must keep. One client per load.
 */
final class MqttLoad implements AutoCloseable {

    static final int POINTS = 5;
    private final MqttClient client;
    private final String topic;
    private final String run;
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger ackedWhile = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread steady;

    /** Connects a client of its own ({@code <run>-<name>}) publishing on {@code converge/REL-<run>/<tag>/telemetry}. */
    MqttLoad(String run, String name, String tag) throws MqttException {
        this.run = run;
        this.topic = "converge/REL-" + run + "/" + tag + "/telemetry";
        client = new MqttClient(System.getProperty("converge.mqtt.url", "tcp://127.0.0.1:1883"),
                "reliability-" + run + "-" + name, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        // publish() returns on the PUBACK, but Paho frees the in-flight slot a moment later: its default limit of 10
        // refuses a fast synchronous publisher ("Too many publishes in progress")
        options.setMaxInflight(1000);
        client.connect(options);
    }

    /**
     * Publishes in the background, one message every {@code pause}, until {@link #close()}; messages acknowledged
     * while {@code condition} holds are counted apart ({@link #ackedWhile()}).
     */
    MqttLoad steady(Duration pause, BooleanSupplier condition) {
        steady = Thread.ofPlatform().name("mqtt-load-" + run).start(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    publish("M" + i, condition);
                    Poll.sleep(pause);
                }
            } catch (MqttException | com.fasterxml.jackson.core.JsonProcessingException e) {
                failure.set(e);
            }
        });
        return this;
    }

    /** Publishes {@code count} messages as fast as the broker acknowledges them (in the calling thread). */
    void burst(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            publish("MB" + i, () -> true);
        }
    }

    private void publish(String id, BooleanSupplier condition)
            throws MqttException, com.fasterxml.jackson.core.JsonProcessingException {
        Instant ts = Instant.now().minusSeconds(1);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int j = 0; j < POINTS; j++) {
            points.add(Map.of("metric", "reliability.load", "ts", ts.plusMillis(j).toString(), "value", j,
                    "messageId", run + "-" + id + "-" + j));
        }
        client.publish(topic, Api.JSON.writeValueAsBytes(points), 1, false); // returns once the broker acknowledged
        acked.incrementAndGet();
        if (condition.getAsBoolean()) {
            ackedWhile.incrementAndGet();
        }
    }

    /** Messages the broker acknowledged. */
    int acked() {
        return acked.get();
    }

    /** Of those, the ones acknowledged while the condition of {@link #steady} (or a burst) held. */
    int ackedWhile() {
        return ackedWhile.get();
    }

    /** The points the acknowledged messages carry: all of them must be stored, once each. */
    long points() {
        return (long) acked.get() * POINTS;
    }

    /** Stops publishing, disconnects; fails if publishing failed. */
    @Override
    public void close() throws Exception {
        stop.set(true);
        if (steady != null) {
            steady.join(60_000);
        }
        try {
            client.disconnect(5000);
        } finally {
            client.close();
        }
        if (failure.get() != null) {
            throw new AssertionError("MQTT publishing failed", failure.get());
        }
    }
}
