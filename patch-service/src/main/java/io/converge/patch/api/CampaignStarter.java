package io.converge.patch.api;

import io.converge.patch.store.CampaignRepository;
import io.converge.patch.store.CampaignRepository.Campaign;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts scheduled campaigns when their {@code startAt} has come: every {@code converge.campaigns.start-interval}
 * each due campaign goes scheduled → running as {@code patch-service} (audited and published like a start by hand),
 * under its row lock, so an engineer starting, cancelling or re-scheduling it meanwhile wins. Replicas racing for the
 * same campaign are serialized by the lock; the loser finds it running and leaves it.
 */
@ApplicationScoped
public class CampaignStarter {

    private static final Logger LOG = Logger.getLogger(CampaignStarter.class);

    private final CampaignRepository campaigns;
    private final CampaignTransitions transitions;

    public CampaignStarter(CampaignRepository campaigns, CampaignTransitions transitions) {
        this.campaigns = campaigns;
        this.transitions = transitions;
    }

    @Scheduled(every = "${converge.campaigns.start-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return startDue(Instant.now()).onFailure().invoke(e -> LOG.warn("starting scheduled campaigns failed", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Starts every campaign due by {@code now}; the ones started. */
    public Uni<List<Campaign>> startDue(Instant now) {
        return campaigns.due(now).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> transitions.startDue(id, now)
                        .onFailure().invoke(e -> LOG.warnf(e, "campaign %s could not be started", id))
                        .onFailure().recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent).map(Optional::get)
                .invoke(c -> LOG.infof("campaign %s started as scheduled (%s)", c.id(), c.startAt()))
                .collect().asList());
    }
}
