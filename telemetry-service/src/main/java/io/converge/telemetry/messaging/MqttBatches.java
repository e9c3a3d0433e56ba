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

    public MqttBatches(TelemetryConfig config) {
        this.size = config.mqtt().batchMessages();
        this.linger = config.mqtt().batchLinger();
    }

    public Multi<Message<Integer>> process(Multi<Message<byte[]>> in, Function<List<Message<byte[]>>, Uni<Integer>> handler) {
        return in.group().intoLists().of(size, linger)
                .onItem().transformToUni(batch -> Uni.createFrom().deferred(() -> handler.apply(batch))
                        .onFailure(MqttBatches::transient_).invoke(e -> LOG.warnf(
                                "MQTT batch of %d messages not stored, retrying: %s", batch.size(), e.toString()))
                        .onFailure(MqttBatches::transient_).retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                        .onFailure().recoverWithItem(e -> {
                            // not a passing condition: retrying would block the stream forever
                            LOG.errorf(e, "MQTT batch of %d messages refused for good", batch.size());
                            return 0;
                        })
                        .invoke(n -> batch.forEach(MqttBatches::ack))
                        .map(Message::of))
                .concatenate();
    }

    /** Failures that go away by themselves: database or broker unreachable, registry view still loading. */
    static boolean transient_(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d.kind() == DomainException.Kind.UNAVAILABLE;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("40");
            }
            if (t instanceof java.net.ConnectException || t instanceof ClosedConnectionException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                return true;
            }
        }
        return false;
    }

    private static void ack(Message<byte[]> m) {
        m.getMetadata(ReceivingMqttMessageMetadata.class).ifPresent(meta -> {
            if (meta.getQosLevel().value() > 0) {
                meta.getMessage().ack();
            }
        });
    }

    public static String topic(Message<byte[]> m) {
        return m.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::getTopic)
                .orElse("");
    }
}
