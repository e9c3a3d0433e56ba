package io.converge.patch.api;

import io.converge.outbox.OutboxStore;
import io.converge.patch.domain.CampaignAction;
import io.converge.patch.domain.CampaignLifecycle;
import io.converge.patch.domain.CampaignState;
import io.converge.patch.domain.FourEyesViolation;
import io.converge.patch.domain.IllegalTransition;
import io.converge.patch.messaging.CampaignEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.CampaignRepository;
import io.converge.patch.store.CampaignRepository.Campaign;
import io.converge.patch.store.DeploymentRepository;
import io.converge.rest.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies a lifecycle action with {@link CampaignLifecycle} under a row lock: stale If-Match → 412, illegal → 409,
 * the creator approving or rejecting → 403. The state change, its audit row (with the actor) and its event on
 * {@code converge.patch.events} (outbox) commit together.
 */
@ApplicationScoped
public class CampaignTransitions {

    private final CampaignRepository campaigns;
    private final Pool pool;
    private final OutboxStore outbox;
    private final CampaignEvents events;
    private final PatchOutboxRelay relay;
    private final DeploymentRepository deployments;

    public CampaignTransitions(CampaignRepository campaigns, Pool pool, OutboxStore outbox, CampaignEvents events,
            PatchOutboxRelay relay, DeploymentRepository deployments) {
        this.deployments = deployments;
        this.campaigns = campaigns;
        this.pool = pool;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
    }

    /**
     * @param expected the revision from If-Match, null for none
     * @param detail   the reason given with the action, may be null
     */
    public Uni<Campaign> act(UUID id, CampaignAction action, Long expected, String actor, String detail) {
        return act(id, state -> action, expected, actor, detail, null);
    }

    /**
     * approved → scheduled; with {@code startAt} the {@link CampaignStarter} starts it then, without it the campaign
     * waits for an explicit {@code start}. The start time is in the audit detail and the event.
     */
    public Uni<Campaign> schedule(UUID id, Long expected, String actor, String reason, Instant startAt) {
        String detail = startAt == null ? reason
                : "starts at " + startAt + (reason == null ? "" : ": " + reason);
        return act(id, state -> CampaignAction.SCHEDULE, expected, actor, detail,
                (c, after) -> campaigns.setStartAt(c, id, startAt));
    }

    /**
     * Starts a scheduled campaign whose start time has come ({@code now} or earlier), as {@code patch-service}; empty
     * when it is no longer scheduled or no longer due (an engineer started, cancelled or re-scheduled it meanwhile).
     */
    public Uni<Optional<Campaign>> startDue(UUID id, Instant now) {
        return pool.withTransaction(c -> campaigns.find(c, id, true).flatMap(found -> {
            if (found.isEmpty() || !"scheduled".equals(found.get().state()) || found.get().startAt() == null
                    || found.get().startAt().isAfter(now)) {
                return Uni.createFrom().item(Optional.<Campaign>empty());
            }
            Campaign before = found.get();
            return apply(c, before, CampaignAction.START, WaveSupervisor.ACTOR,
                    "scheduled start at " + before.startAt()).map(Optional::of);
        })).invoke(relay::kick);
    }

    /**
     * Stops a campaign whose firmware is no longer usable: fail when it is scheduled, running or paused (work had
     * begun), cancel before that; a campaign already terminal is left alone (empty).
     */
    public Uni<Campaign> stop(UUID id, String actor, String detail) {
        return act(id, state -> CampaignLifecycle.next(state, CampaignAction.FAIL).isPresent() ? CampaignAction.FAIL
                : CampaignAction.CANCEL, null, actor, detail, null);
    }

    /** What a campaign rollback decided: the devices to be offered their previous firmware, and those skipped. */
    public record RollbackResult(UUID campaignId, String state, List<DeploymentRepository.RollbackDecision> offered,
            List<DeploymentRepository.RollbackDecision> skipped) {
    }

    /** A campaign may be rolled back once it stopped updating: paused, completed or failed. */
    static final Set<String> ROLLBACK_STATES = Set.of("paused", "completed", "failed");

    /**
     * Campaign rollback: every device the campaign updated successfully is offered its previous firmware (on its next
     * poll, inside its site's window); allowed when paused, completed or failed (409 otherwise). The state does not
     * change; the audit row ({@code rollback}, the counts and the reason as detail) and the campaign event commit
     * with the decisions.
     */
    public Uni<RollbackResult> rollback(UUID id, Long expected, String actor, String reason) {
        return pool.withTransaction(c -> campaigns.find(c, id, true).flatMap(found -> {
            Campaign before = found.orElseThrow(() -> DomainException.notFound("campaign", id));
            if (expected != null && before.revision() != expected) {
                throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "campaign " + id
                        + " changed (revision " + before.revision() + "); read it again");
            }
            if (!ROLLBACK_STATES.contains(before.state())) {
                throw DomainException.conflict("campaign " + id + " is " + before.state()
                        + ": only a paused, completed or failed campaign can be rolled back");
            }
            return deployments.rollBackCampaign(c, id).flatMap(decided -> {
                List<DeploymentRepository.RollbackDecision> offered = decided.stream()
                        .filter(d -> "pending".equals(d.state())).toList();
                List<DeploymentRepository.RollbackDecision> skipped = decided.stream()
                        .filter(d -> !"pending".equals(d.state())).toList();
                String detail = offered.size() + " devices offered their previous firmware, " + skipped.size()
                        + " skipped" + (reason == null ? "" : ": " + reason);
                return campaigns.audit(c, id, "rollback", actor, before.state(), before.state(), detail)
                        .call(x -> outbox.add(c, events.changed(before, before.state(), "rollback", actor, detail)))
                        .replaceWith(new RollbackResult(id, before.state(), offered, skipped));
            });
        })).invoke(relay::kick);
    }

    private Uni<Campaign> act(UUID id, Function<CampaignState, CampaignAction> choose, Long expected, String actor,
            String detail, BiFunction<SqlClient, Campaign, Uni<Campaign>> then) {
        return pool.withTransaction(c -> campaigns.find(c, id, true).flatMap(found -> {
            Campaign before = found.orElseThrow(() -> DomainException.notFound("campaign", id));
            if (expected != null && before.revision() != expected) {
                throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "campaign " + id
                        + " changed (revision " + before.revision() + "); read it again");
            }
            Uni<Campaign> applied = apply(c, before, choose.apply(CampaignState.parse(before.state())), actor, detail);
            return then == null ? applied : applied.flatMap(after -> then.apply(c, after));
        })).invoke(relay::kick);
    }

    /**
     * Applies {@code action} to {@code before} (read and locked by the caller) inside the caller's transaction:
     * state, audit row and event; 409 when illegal. The caller kicks the relay after the commit.
     */
    public Uni<Campaign> apply(SqlClient c, Campaign before, CampaignAction action, String actor, String detail) {
        UUID id = before.id();
        CampaignState next = next(before, action, actor);
        return campaigns.changeState(c, id, next.value(), action == CampaignAction.APPROVE ? actor : null)
                .call(after -> campaigns.audit(c, id, action.value(), actor, before.state(), after.state(), detail))
                .call(after -> outbox.add(c, events.changed(after, before.state(), action.value(), actor, detail)));
    }

    private static CampaignState next(Campaign c, CampaignAction action, String actor) {
        try {
            return CampaignLifecycle.transition(CampaignState.parse(c.state()), action, actor, c.createdBy());
        } catch (IllegalTransition e) {
            throw DomainException.conflict(e.getMessage());
        } catch (FourEyesViolation e) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, e.getMessage());
        }
    }
}
