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
import io.converge.rest.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
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

    public CampaignTransitions(CampaignRepository campaigns, Pool pool, OutboxStore outbox, CampaignEvents events,
            PatchOutboxRelay relay) {
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
        return act(id, state -> action, expected, actor, detail);
    }

    /**
     * Stops a campaign whose firmware is no longer usable: fail when it is scheduled, running or paused (work had
     * begun), cancel before that; a campaign already terminal is left alone (empty).
     */
    public Uni<Campaign> stop(UUID id, String actor, String detail) {
        return act(id, state -> CampaignLifecycle.next(state, CampaignAction.FAIL).isPresent() ? CampaignAction.FAIL
                : CampaignAction.CANCEL, null, actor, detail);
    }

    private Uni<Campaign> act(UUID id, Function<CampaignState, CampaignAction> choose, Long expected, String actor,
            String detail) {
        return pool.withTransaction(c -> campaigns.find(c, id, true).flatMap(found -> {
            Campaign before = found.orElseThrow(() -> DomainException.notFound("campaign", id));
            if (expected != null && before.revision() != expected) {
                throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "campaign " + id
                        + " changed (revision " + before.revision() + "); read it again");
            }
            return apply(c, before, choose.apply(CampaignState.parse(before.state())), actor, detail);
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
