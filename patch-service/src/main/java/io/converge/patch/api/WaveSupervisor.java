package io.converge.patch.api;

import io.converge.outbox.OutboxStore;
import io.converge.patch.domain.CampaignAction;
import io.converge.patch.domain.WaveProgress;
import io.converge.patch.messaging.CampaignEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.CampaignRepository;
import io.converge.patch.store.CampaignRepository.Campaign;
import io.converge.patch.store.DeploymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Wave execution: after a device's final feedback (or a timeout), decides with {@link WaveProgress} what the current
 * wave of a running campaign means, under the campaign's row lock: ADVANCE → the next wave ({@value #ADVANCE_WAVE},
 * audited and published with the reason), or {@code complete} after the last wave once no device of the campaign
 * is pending or in progress any more (earlier waves' stragglers included); PAUSE → {@code pause} with the
 * reason (the emergency stop); WAIT → nothing. A campaign that is not running is left alone.
 */
@ApplicationScoped
public class WaveSupervisor {

    public static final String ACTOR = "patch-service";
    public static final String ADVANCE_WAVE = "advance-wave";
    private static final Logger LOG = Logger.getLogger(WaveSupervisor.class);

    private final Pool pool;
    private final CampaignRepository campaigns;
    private final DeploymentRepository deployments;
    private final CampaignTransitions transitions;
    private final OutboxStore outbox;
    private final CampaignEvents events;
    private final PatchOutboxRelay relay;

    public WaveSupervisor(Pool pool, CampaignRepository campaigns, DeploymentRepository deployments,
            CampaignTransitions transitions, OutboxStore outbox, CampaignEvents events, PatchOutboxRelay relay) {
        this.pool = pool;
        this.campaigns = campaigns;
        this.deployments = deployments;
        this.transitions = transitions;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
    }

    /** Decisions in flight per campaign: a burst of final results shares runs (see {@link Coalescing}). */
    private final Coalescing<UUID, Optional<Campaign>> decisions = new Coalescing<>();

    /**
     * Evaluates the campaign's current wave; the campaign after, empty when it was not running (or is unknown). The
     * evaluation answering the caller started after the call, so it sees what the caller committed before.
     */
    public Uni<Optional<Campaign>> evaluate(UUID campaign) {
        return decisions.run(campaign, () -> evaluate(campaign, false));
    }

    /**
     * After a resume: the current wave's errors so far are accepted (they no longer count towards its thresholds,
     * so the wave is not paused again for them), then the wave is evaluated (it may have finished meanwhile).
     */
    public Uni<Optional<Campaign>> resumed(UUID campaign) {
        return evaluate(campaign, true);
    }

    private Uni<Optional<Campaign>> evaluate(UUID campaign, boolean acceptErrors) {
        return pool.withTransaction(c -> campaigns.find(c, campaign, true).flatMap(found -> {
            if (found.isEmpty() || !"running".equals(found.get().state())) {
                return Uni.createFrom().item(Optional.<Campaign>empty());
            }
            Campaign before = found.get();
            return (acceptErrors ? deployments.acceptErrors(c, campaign) : Uni.createFrom().item(0))
                    .flatMap(accepted -> deployments.tally(c, campaign, before.currentWave()))
                    .flatMap(t -> decide(c, before, t, WaveProgress.decide(t, thresholds(before))))
                    .map(Optional::of);
        })).invoke(relay::kick);
    }

    private Uni<Campaign> decide(SqlClient c, Campaign before, WaveProgress.Tally t, WaveProgress.Decision d) {
        int wave = before.currentWave();
        String where = (wave == 0 ? "canary" : "wave " + wave) + ": " + d.reason();
        return switch (d.verdict()) {
            case WAIT -> Uni.createFrom().item(before);
            case PAUSE -> {
                LOG.infof("campaign %s paused: %s", before.id(), where);
                yield transitions.apply(c, before, CampaignAction.PAUSE, ACTOR, where);
            }
            case ADVANCE -> wave + 1 >= before.waveCount()
                    ? (t.open() > 0 ? Uni.createFrom().item(t.open()) : deployments.openCount(c, before.id()))
                            .flatMap(open -> open > 0
                            // the last wave: no wave follows to pick up stragglers, so the campaign runs on until
                            // every device offered or still to be offered has finished
                            ? Uni.createFrom().item(before)
                            : transitions.apply(c, before, CampaignAction.COMPLETE, ACTOR, where))
                    : campaigns.advanceWave(c, before.id(), wave + 1)
                            .call(after -> campaigns.audit(c, before.id(), ADVANCE_WAVE, ACTOR, before.state(),
                                    after.state(), where + "; wave " + (wave + 1) + " starts"))
                            .call(after -> outbox.add(c, events.changed(after, before.state(), ADVANCE_WAVE, ACTOR,
                                    where + "; wave " + (wave + 1) + " starts")));
        };
    }

    private static WaveProgress.Thresholds thresholds(Campaign c) {
        return new WaveProgress.Thresholds(c.plan().path("successThreshold").asDouble(100),
                c.plan().path("errorThreshold").asDouble(100));
    }
}
