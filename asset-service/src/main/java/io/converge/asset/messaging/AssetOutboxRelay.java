package io.converge.asset.messaging;

import io.converge.asset.config.AssetConfig;
import io.converge.outbox.OutboxRelay;
import io.converge.outbox.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Relays asset-service's outbox to converge.asset.events: after each commit and every outbox interval. */
@Singleton
public class AssetOutboxRelay extends OutboxRelay {

    public AssetOutboxRelay(Pool pool, OutboxStore outbox, @Channel("asset-events") MutinyEmitter<String> emitter,
            AssetConfig config, MeterRegistry registry) {
        super(pool, outbox, emitter, config.outbox().batchSize(), registry);
    }

    @Scheduled(every = "${converge.outbox.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return tick();
    }
}
