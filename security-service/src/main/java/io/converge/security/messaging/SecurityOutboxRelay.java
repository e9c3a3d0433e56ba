package io.converge.security.messaging;

import io.converge.outbox.OutboxRelay;
import io.converge.outbox.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Relays security-service's outbox (alert events) to converge.security.alerts, after each commit and on a tick. */
@Singleton
public class SecurityOutboxRelay extends OutboxRelay {

    public SecurityOutboxRelay(Pool pool, OutboxStore outbox, @Channel("alerts-out") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "converge.outbox.batch-size", defaultValue = "500") int batchSize,
            MeterRegistry registry) {
        super(pool, outbox, emitter, batchSize, registry);
    }

    @Scheduled(every = "${converge.outbox.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return tick();
    }
}
