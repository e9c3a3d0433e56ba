package io.converge.telemetry.messaging;

import io.converge.outbox.OutboxRelay;
import io.converge.outbox.OutboxStore;
import io.converge.telemetry.config.TelemetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Relays telemetry-service's outbox: point batches to converge.telemetry.points, findings to
 * converge.security.events (the topic is stored with each row). Runs after each commit and every outbox interval.
 */
@Singleton
public class TelemetryOutboxRelay extends OutboxRelay {

    public TelemetryOutboxRelay(Pool pool, OutboxStore outbox, @Channel("telemetry-out") MutinyEmitter<String> emitter,
            TelemetryConfig config, MeterRegistry registry) {
        super(pool, outbox, emitter, config.outbox().batchSize(), registry);
    }

    @Scheduled(every = "${converge.outbox.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return tick();
    }
}
