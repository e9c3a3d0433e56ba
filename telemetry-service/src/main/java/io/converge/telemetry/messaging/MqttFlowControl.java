package io.converge.telemetry.messaging;

import io.converge.telemetry.config.TelemetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.smallrye.reactive.messaging.mqtt.Clients;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSession;
import io.vertx.core.net.impl.NetSocketInternal;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Bounds the MQTT messages the service holds unacknowledged, per ingest session, by pausing the socket (TCP
 * back-pressure) once {@code converge.mqtt.max-unacknowledged} have arrived without their PUBACK, and resuming it at
 * half of that.
 *
 * <p>The broker's own window cannot be relied on: Mosquitto 2.0.11 (Debian 12's) sends up to
 * {@code max_inflight_messages} more for every single PUBACK (measured: 1,000, then 2,000, 3,000 … after each of
 * four acknowledgements), so after an outage the whole backlog arrives at network speed. Unbounded, it overflowed
 * the connector's buffer ({@code buffer-size}), which fails the channel for good. Messages are counted as the client
 * hands them to the connector, before its buffer, and discounted once their batch committed and was acknowledged
 * (or dropped for good). A socket paused for long (database down) misses the broker's PINGRESP: the client then
 * reconnects, and the new connection is paused at its first message again. The socket is reached through the connector's session and Vert.x's client, which do not
 * expose it: if a library version moves it, the service logs it loudly at start and runs without the bound (and the
 * reliability burst test fails).
 */
@ApplicationScoped
public class MqttFlowControl {

    private static final Logger LOG = Logger.getLogger(MqttFlowControl.class);
    private final long high;
    private final long low;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public MqttFlowControl(TelemetryConfig config, MeterRegistry registry) {
        this.high = config.mqtt().maxUnacknowledged();
        this.low = high / 2;
        this.registry = registry;
    }

    /**
     * Starts counting what the session of {@code channel} receives (from now on); metrics
     * {@code converge.telemetry.mqtt.unacknowledged} and {@code converge.telemetry.mqtt.pauses}, tagged by channel.
     */
    void attach(String channel, Clients.ClientHolder holder) {
        Gate gate = new Gate(channel, holder.getClient(), Counter.builder("converge.telemetry.mqtt.pauses")
                .description("socket pauses: the session held converge.mqtt.max-unacknowledged messages")
                .tag("channel", channel).register(registry));
        gates.put(channel, gate);
        Gauge.builder("converge.telemetry.mqtt.unacknowledged", gate.unacknowledged, AtomicLong::get)
                .description("MQTT messages received and not yet stored and acknowledged").tag("channel", channel)
                .register(registry);
        holder.stream().subscribe().with(m -> gate.arrived(), e -> { }, () -> { });
    }

    /** {@code count} messages of {@code channel} are done with: acknowledged, or dropped for good. */
    public void completed(String channel, int count) {
        Gate gate = gates.get(channel);
        if (gate != null) {
            gate.completed(count);
        }
    }

    /** Messages of {@code channel} held unacknowledged (for tests and metrics); -1 when not attached. */
    public long unacknowledged(String channel) {
        Gate gate = gates.get(channel);
        return gate == null ? -1 : gate.unacknowledged.get();
    }

    /** How often the socket of {@code channel} was paused since start. */
    public long pauses(String channel) {
        Gate gate = gates.get(channel);
        return gate == null ? 0 : gate.pauses.get();
    }

    private final class Gate {
        private final String channel;
        private final MqttClientSession session;
        private final AtomicLong unacknowledged = new AtomicLong();
        private final AtomicLong pauses = new AtomicLong();
        private final Counter pauseCounter;
        private volatile boolean paused;
        private volatile boolean broken;

        Gate(String channel, MqttClientSession session, Counter pauseCounter) {
            this.channel = channel;
            this.session = session;
            this.pauseCounter = pauseCounter;
        }

        /** On the client's event loop, as the message is handed over: pausing here stops the read loop at once. */
        void arrived() {
            if (unacknowledged.incrementAndGet() >= high) {
                synchronized (this) { // decided under the lock completed() resumes under: a resume is never lost
                    Channel c = unacknowledged.get() >= high ? channel() : null;
                    if (c != null && c.config().isAutoRead()) {
                        c.config().setAutoRead(false);
                        if (!paused) {
                            paused = true;
                            pauses.incrementAndGet();
                            pauseCounter.increment();
                            LOG.debugf("MQTT %s: %d messages unacknowledged, socket paused until %d", channel,
                                    unacknowledged.get(), low);
                        }
                    }
                }
            }
        }

        void completed(int count) {
            // messages taken in before counting started (during wiring) are completed without having been counted
            long left = unacknowledged.updateAndGet(n -> Math.max(0, n - count));
            if (paused && left <= low) {
                synchronized (this) {
                    if (paused && unacknowledged.get() <= low) {
                        paused = false;
                        Channel c = channel(); // null while reconnecting: a new connection reads from the start
                        if (c != null) {
                            c.config().setAutoRead(true);
                        }
                        LOG.debugf("MQTT %s: %d messages unacknowledged, socket resumed", channel,
                                unacknowledged.get());
                    }
                }
            }
        }

        /** The current connection's channel, or null while disconnected. */
        private Channel channel() {
            if (broken || SESSION_CLIENT == null || CLIENT_CONNECTION == null) {
                if (!broken) {
                    broken = true;
                    LOG.errorf("MQTT %s: the client's socket is out of reach (library version?); unacknowledged"
                            + " messages are not bounded", channel);
                }
                return null;
            }
            try {
                Object client = SESSION_CLIENT.get(session);
                Object connection = client == null ? null : CLIENT_CONNECTION.get(client);
                return connection == null ? null : ((NetSocketInternal) connection).channelHandlerContext().channel();
            } catch (ReflectiveOperationException | RuntimeException e) {
                broken = true;
                LOG.errorf(e, "MQTT %s: cannot reach the socket to pause it; unacknowledged messages are not bounded",
                        channel);
                return null;
            }
        }
    }

    private static final Field SESSION_CLIENT = field(
            "io.smallrye.reactive.messaging.mqtt.session.impl.MqttClientSessionImpl", "client");
    private static final Field CLIENT_CONNECTION = field("io.vertx.mqtt.impl.MqttClientImpl", "connection");

    private static Field field(String type, String name) {
        try {
            Field f = Class.forName(type).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.errorf("MQTT flow control: %s.%s not found (%s)", type, name, e);
            return null;
        }
    }
}
