package io.converge.bench.telemetry;

import io.converge.bench.common.BenchException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT ingest: several publishers (one client connection each) publishing JSON arrays of points to
 * converge/{site}/{assetTag}/telemetry with up to MQTT_INFLIGHT unacknowledged messages each. The phase is timed from
 * the first publish until the rows are in PostgreSQL (see {@link TelemetryIngestBench}).
 */
final class MqttPhase implements AutoCloseable {

    private final Config cfg;
    private final List<MqttAsyncClient> clients = new ArrayList<>();

    MqttPhase(Config cfg, String runId) {
        this.cfg = cfg;
        MqttConnectOptions opts = new MqttConnectOptions();
        opts.setCleanSession(true);
        opts.setAutomaticReconnect(false);
        opts.setConnectionTimeout(10);
        opts.setKeepAliveInterval(60);
        opts.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // Paho's own limit above ours: a PUBACK callback may run just before Paho decrements its counter
        opts.setMaxInflight(cfg.mqttInflight() * 2 + 16);
        try {
            for (int p = 0; p < cfg.mqttPublishers(); p++) {
                MqttAsyncClient c = new MqttAsyncClient(cfg.mqttUrl(), "converge-bench-" + runId + "-" + p,
                        new MemoryPersistence());
                clients.add(c);
                c.connect(opts).waitForCompletion(15_000);
            }
        } catch (MqttException e) {
            close();
            throw new BenchException("MQTT broker not reachable at " + cfg.mqttUrl() + " (" + e.getMessage()
                    + (e.getCause() != null ? ": " + BenchException.rootMessage(e) : "") + ")", e);
        }
    }

    String topic(String assetTag) {
        return "converge/" + cfg.mqttSite() + "/" + assetTag + "/telemetry";
    }

    /**
     * Publishes every message, the publishers taking the next message in order from a shared list, and waits until the
     * broker acknowledged all of them (PUBACK for QoS 1). Returns the failures (empty when all were acknowledged).
     *
     * <p>With {@code maxBacklog > 0}, publishers wait while more than that many points are published but not yet in
     * the table ({@code stored}): a broker queues a bounded number of messages for a slow subscriber and drops the rest
     * (Mosquitto: max_queued_messages, 1000 by default), so publishing faster than the service stores would measure
     * the broker's queue limit instead of the service.
     */
    List<String> publish(PointSet set, List<PointSet.Message> messages, long timeoutMs, long maxBacklog,
            LongSupplier stored) {
        Semaphore acked = new Semaphore(0);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger dispatched = new AtomicInteger();
        AtomicLong published = new AtomicLong();
        AtomicBoolean abort = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        String[] topics = set.assets.stream().map(a -> topic(a.tag())).toArray(String[]::new);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < clients.size(); p++) {
            MqttAsyncClient client = clients.get(p);
            Semaphore window = new Semaphore(cfg.mqttInflight());
            IMqttActionListener listener = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                    acked.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failures.add(client.getClientId() + ": " + BenchException.rootMessage(e));
                    window.release();
                    acked.release();
                }
            };
            threads.add(Thread.ofPlatform().name("mqtt-publisher-" + p).start(() -> {
                try {
                    while (!abort.get()) {
                        long waitingSince = System.nanoTime();
                        while (maxBacklog > 0 && published.get() - stored.getAsLong() > maxBacklog) {
                            if (System.nanoTime() - waitingSince > timeoutMs * 1_000_000) {
                                failures.add("stalled: " + published.get() + " points published, only "
                                        + stored.getAsLong() + " in the table after waiting " + timeoutMs / 1000
                                        + " s (MQTT_TIMEOUT)");
                                abort.set(true);
                                return;
                            }
                            Thread.sleep(1);
                        }
                        int j = next.getAndIncrement();
                        if (j >= messages.size()) {
                            return;
                        }
                        PointSet.Message m = messages.get(j);
                        published.addAndGet(m.points());
                        window.acquire();
                        while (true) {
                            try {
                                client.publish(topics[m.asset()], m.payload(), cfg.mqttQos(), false, null, listener);
                                dispatched.incrementAndGet();
                                break;
                            } catch (MqttException e) {
                                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                                    throw e;
                                }
                                Thread.sleep(1);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (MqttException e) {
                    failures.add(client.getClientId() + ": publish failed: " + e.getMessage());
                    abort.set(true);
                }
            }));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
            if (!acked.tryAcquire(dispatched.get(), timeoutMs, TimeUnit.MILLISECONDS)) {
                failures.add("messages not acknowledged by the broker within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        return new ArrayList<>(new LinkedHashSet<>(failures)).stream().limit(5).toList();
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(5_000).waitForCompletion(6_000);
                }
                c.close();
            } catch (MqttException ignored) {
                // closing
            }
        }
        clients.clear();
    }
}
