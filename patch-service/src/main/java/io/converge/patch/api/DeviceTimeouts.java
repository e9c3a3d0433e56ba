package io.converge.patch.api;

import io.converge.outbox.OutboxStore;
import io.converge.patch.config.PatchConfig;
import io.converge.patch.messaging.DeploymentEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.DeploymentRepository;
import io.converge.patch.store.DeploymentRepository.Action;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The timeout sweep: actions offered or in progress whose device has been silent for
 * {@code converge.campaigns.device-timeout} become {@code timed-out} (stored and published together), then the
 * {@link WaveSupervisor} decides about each campaign concerned (a timeout counts as an error of the wave).
 */
@ApplicationScoped
public class DeviceTimeouts {

    private static final Logger LOG = Logger.getLogger(DeviceTimeouts.class);

    private final Pool pool;
    private final DeploymentRepository deployments;
    private final OutboxStore outbox;
    private final DeploymentEvents events;
    private final PatchOutboxRelay relay;
    private final WaveSupervisor supervisor;
    private final PatchConfig config;

    public DeviceTimeouts(Pool pool, DeploymentRepository deployments, OutboxStore outbox, DeploymentEvents events,
            PatchOutboxRelay relay, WaveSupervisor supervisor, PatchConfig config) {
        this.pool = pool;
        this.deployments = deployments;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.supervisor = supervisor;
        this.config = config;
    }

    @Scheduled(every = "${converge.campaigns.sweep-interval:60s}", delayed = "${converge.campaigns.sweep-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep(Instant.now()).onFailure().invoke(e -> LOG.warn("device timeout sweep failed", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Times out the actions silent since before {@code now} − timeout, updates and rollbacks (a timed-out rollback
     * is final: the device is left for an engineer); the ones changed.
     */
    public Uni<List<Action>> sweep(Instant now) {
        Instant cutoff = now.minus(config.campaigns().deviceTimeout());
        return pool.withTransaction(c -> deployments.timeOut(c, cutoff)
                .flatMap(updates -> deployments.timeOutRollbacks(c, cutoff).map(rollbacks -> {
                    List<Action> all = new ArrayList<>(updates);
                    all.addAll(rollbacks);
                    return all;
                }))
                .call(timedOut -> outbox.addAll(c, timedOut.stream().map(events::changed).toList())))
                .invoke(relay::kick)
                .call(timedOut -> Multi.createFrom().iterable(timedOut.stream().filter(a -> !a.rollback())
                        .map(Action::campaignId).distinct()
                        .toList()).onItem().transformToUniAndConcatenate((UUID id) -> supervisor.evaluate(id))
                        .collect().asList())
                .invoke(timedOut -> {
                    if (!timedOut.isEmpty()) {
                        LOG.infof("%d deployment actions timed out", timedOut.size());
                    }
                });
    }
}
