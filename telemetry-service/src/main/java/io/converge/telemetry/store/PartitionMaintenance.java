package io.converge.telemetry.store;

import io.converge.telemetry.config.TelemetryConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps the daily partitions ready: at start (before traffic, so every accepted timestamp has its partition) and
 * every hour; drops the partitions past the retention.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    private final Partitions partitions;
    private final TelemetryConfig config;
    private final Clock clock = Clock.systemUTC();

    public PartitionMaintenance(Partitions partitions, TelemetryConfig config) {
        this.partitions = partitions;
        this.config = config;
    }

    void onStart(@Observes StartupEvent e) {
        run().await().indefinitely();
    }

    @Scheduled(every = "${converge.retention.maintenance-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return run().onFailure().invoke(err -> LOG.errorf("partition maintenance failed: %s", err.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Partitions.Outcome> run() {
        return partitions.maintain(LocalDate.now(clock.withZone(ZoneOffset.UTC)), config.retention().days(),
                config.retention().daysAhead()).invoke(o -> {
                    if (!o.created().isEmpty() || !o.dropped().isEmpty()) {
                        LOG.infof("partitions: created %d %s, dropped %d %s", o.created().size(), o.created(),
                                o.dropped().size(), o.dropped());
                    }
                });
    }
}
