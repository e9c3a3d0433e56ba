package io.converge.telemetry.messaging;

import io.converge.rest.DomainException;
import io.converge.telemetry.config.TelemetryConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Groups MQTT messages into one database transaction each and acknowledges them (MQTT PUBACK) only after it
 * committed: the clients run with auto-ack off ({@link MqttOptions}), so a message the service dies holding is
 * redelivered by the broker from the persistent session. A batch that fails for a passing reason (database down) is
 * retried with back-off and blocks the stream meanwhile, which lets the broker queue instead of the service.
 */
@ApplicationScoped
public class MqttBatches {

    private static final Logger LOG = Logger.getLogger(MqttBatches.class);
    private final int size;
    private final Duration linger;
    private final MqttFlowControl flow;

    public MqttBatches(TelemetryConfig config, MqttFlowControl flow) {
        this.size = config.mqtt().batchMessages();
        this.linger = config.mqtt().batchLinger();
        this.flow = flow;
    }

    /**
     * The ingest pipeline of the MQTT channel named {@code channel} ({@link MqttFlowControl} is told here when a
     * group is done with).
     */
    public Multi<Message<Integer>> process(String channel, Multi<Message<byte[]>> in,
            Function<List<Message<byte[]>>, Uni<Integer>> handler) {
        // the time-bounded grouping emits on its timer and fails without outstanding demand while a batch commits:
        // the buffer takes those groups; it stays small because MqttFlowControl bounds the messages held
        // unacknowledged (converge.mqtt.max-unacknowledged)
        return in.group().intoLists().of(size, linger).onOverflow().buffer(10_000)
                .onItem().transformToUni(batch -> Uni.createFrom().deferred(() -> handler.apply(batch))
                        .onFailure(MqttBatches::transient_).invoke(e -> LOG.warnf(
                                "MQTT batch of %d messages not stored, retrying: %s", batch.size(), e.toString()))
                        .onFailure(MqttBatches::transient_).retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                        .onFailure().recoverWithUni(e -> alone(batch, handler, e))
                        .invoke(n -> {
                            acknowledge(batch);
                            flow.completed(channel, batch.size());
                        })
                        .map(Message::of))
                .concatenate();
    }

    /**
     * A group failed for a reason retrying will not cure: store its messages one by one so that one bad message
     * does not take the others with it; a single message that still fails is logged and dropped.
     */
    private Uni<Integer> alone(List<Message<byte[]>> batch, Function<List<Message<byte[]>>, Uni<Integer>> handler,
            Throwable cause) {
        if (batch.size() == 1) {
            LOG.errorf(cause, "MQTT message on %s refused for good", topic(batch.get(0)));
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(m -> Uni.createFrom().deferred(() -> handler.apply(List.of(m)))
                        .onFailure(MqttBatches::transient_).retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                        .onFailure().recoverWithUni(e -> alone(List.of(m), handler, e)))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    /** Failures that go away by themselves: database or broker unreachable, registry view still loading. */
    static boolean transient_(Throwable e) {
        return io.converge.rest.TransientFailures.test(e);
    }

    /**
     * PUBACKs a stored batch. A message whose connection is gone by now (broker restarted, session restarted by
     * {@link MqttSessionRestart}) cannot be acknowledged: the broker still holds it for the persistent session and
     * sends it again, and storing it again is idempotent. That must not fail the stream: an exception here used to end
     * the channel for good (readiness DOWN, no MQTT ingest until the service was restarted).
     */
    static void acknowledge(List<Message<byte[]>> batch) {
        int unacknowledged = 0;
        for (Message<byte[]> m : batch) {
            var meta = m.getMetadata(ReceivingMqttMessageMetadata.class).orElse(null);
            if (meta == null || meta.getQosLevel().value() == 0) {
                continue;
            }
            try {
                meta.getMessage().ack();
            } catch (RuntimeException e) {
                unacknowledged++;
            }
        }
        if (unacknowledged > 0) {
            LOG.warnf("%d of %d stored MQTT messages not acknowledged: the connection they came on is gone; the"
                    + " broker sends them again (stored once)", unacknowledged, batch.size());
        }
    }

    /** For security findings: the topic an asset tag was seen on in this group. */
    public static Function<String, String> sourceOf(java.util.Map<String, String> topicByTag) {
        return tag -> topicByTag.containsKey(tag) ? "mqtt:" + topicByTag.get(tag) : "mqtt";
    }

    public static String topic(Message<byte[]> m) {
        return m.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::getTopic)
                .orElse("");
    }
}
