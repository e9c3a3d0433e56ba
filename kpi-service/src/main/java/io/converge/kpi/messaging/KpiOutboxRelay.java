package io.converge.kpi.messaging;

import io.converge.kpi.config.KpiConfig;
import io.converge.outbox.OutboxRelay;
import io.converge.outbox.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Relays kpi-service's outbox (windows, alarms, maintenance recommendations) to converge.kpi.events. Runs after each
 * commit ({@link #kick()}) and every outbox interval.
 */
@Singleton
public class KpiOutboxRelay extends OutboxRelay {

    public KpiOutboxRelay(Pool pool, OutboxStore outbox, @Channel("kpi-out") MutinyEmitter<String> emitter,
            KpiConfig config, MeterRegistry registry) {
        super(pool, outbox, emitter, config.outbox().batchSize(), registry);
    }

    @Scheduled(every = "${converge.outbox.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return tick();
    }
}
