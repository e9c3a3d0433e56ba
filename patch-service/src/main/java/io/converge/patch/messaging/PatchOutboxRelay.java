package io.converge.patch.messaging;

import io.converge.outbox.OutboxRelay;
import io.converge.outbox.OutboxStore;
import io.converge.patch.config.PatchConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Relays patch-service's outbox to Kafka (the topic is stored with each row: converge.patch.events, or
 * converge.security.events for firmware integrity failures). Runs after each commit and every outbox interval.
 */
@Singleton
public class PatchOutboxRelay extends OutboxRelay {

    public PatchOutboxRelay(Pool pool, OutboxStore outbox, @Channel("patch-out") MutinyEmitter<String> emitter,
            PatchConfig config, MeterRegistry registry) {
        super(pool, outbox, emitter, config.outbox().batchSize(), registry);
    }

    @Scheduled(every = "${converge.outbox.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return tick();
    }
}
