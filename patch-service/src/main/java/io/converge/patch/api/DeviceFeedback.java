package io.converge.patch.api;

import io.converge.outbox.OutboxStore;
import io.converge.patch.domain.DeploymentState;
import io.converge.patch.messaging.DeploymentEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.DeploymentRepository;
import io.converge.patch.store.DeploymentRepository.Action;
import io.converge.patch.store.DeviceActions;
import io.converge.rest.DomainException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Device feedback with {@link DeploymentState}, for one report or a gateway's batch: the actions are locked, each
 * report is applied in order (a batch may report the same action several times), every state change is stored and
 * published (outbox) and a failed update gets its rollback decided, all in one transaction; then the
 * {@link WaveSupervisor} decides about each campaign that received a final result. A report that is refused (unknown
 * action → 404, another device's → 403, not offered yet or after a final state → 409) changes nothing and does not
 * stop the others.
 */
@ApplicationScoped
public class DeviceFeedback {

    /** Feedback as checked by the API. */
    public record Feedback(DeploymentState.Feedback status, Integer progress, String message) {
    }

    /** One report: the device (as it claims), the action and the feedback. */
    public record Report(String tag, UUID actionId, Feedback feedback) {
    }

    /** What became of a report: the action after it, or the refusal. */
    public record Outcome(Report report, Action action, DomainException refused) {
    }

    private record Applied(List<Outcome> outcomes, Set<UUID> finishedCampaigns) {
    }

    private final Pool pool;
    private final DeviceActions actions;
    private final DeploymentRepository deployments;
    private final OutboxStore outbox;
    private final DeploymentEvents events;
    private final PatchOutboxRelay relay;
    private final WaveSupervisor supervisor;

    public DeviceFeedback(Pool pool, DeviceActions actions, DeploymentRepository deployments, OutboxStore outbox,
            DeploymentEvents events, PatchOutboxRelay relay, WaveSupervisor supervisor) {
        this.pool = pool;
        this.actions = actions;
        this.deployments = deployments;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.supervisor = supervisor;
    }

    /** One device's report: the action after it, or the refusal thrown. */
    public Uni<Action> apply(String tag, UUID actionId, Feedback f) {
        return apply(List.of(new Report(tag, actionId, f))).map(outcomes -> {
            Outcome o = outcomes.get(0);
            if (o.refused() != null) {
                throw o.refused();
            }
            return o.action();
        });
    }

    /** The reports in order; one outcome per report, in the same order. */
    public Uni<List<Outcome>> apply(List<Report> reports) {
        Set<UUID> ids = new LinkedHashSet<>();
        reports.forEach(r -> ids.add(r.actionId()));
        return pool.withTransaction(c -> actions.find(c, ids, true).flatMap(found -> write(c, reports, found)))
                .invoke(relay::kick)
                .call(applied -> Multi.createFrom().iterable(applied.finishedCampaigns())
                        .onItem().transformToUniAndConcatenate(supervisor::evaluate).collect().asList())
                .map(Applied::outcomes);
    }

    private Uni<Applied> write(SqlClient c, List<Report> reports, Map<UUID, Action> found) {
        Map<UUID, Action> now = new LinkedHashMap<>(found);
        Set<UUID> touched = new LinkedHashSet<>();
        List<Action> changed = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        for (Report r : reports) {
            Action before = now.get(r.actionId());
            DomainException refused = refusal(r, before);
            if (refused != null) {
                outcomes.add(new Outcome(r, null, refused));
                continue;
            }
            DeploymentState state = DeploymentState.parse(before.state());
            DeploymentState next = state.after(r.feedback().status());
            int progress = next == DeploymentState.SUCCEEDED ? 100
                    : DeploymentState.progress(before.progress(), r.feedback().progress());
            String message = r.feedback().message() != null ? r.feedback().message() : before.message();
            Action after = with(before, next.value(), progress, message);
            now.put(r.actionId(), after);
            touched.add(r.actionId());
            if (next != state) {
                changed.add(after);
            }
            outcomes.add(new Outcome(r, after, null));
        }
        if (touched.isEmpty()) {
            return Uni.createFrom().item(new Applied(outcomes, Set.of()));
        }
        List<DeviceActions.Change> updates = new ArrayList<>();
        List<DeviceActions.Change> rollbacks = new ArrayList<>();
        for (UUID id : touched) {
            Action a = now.get(id);
            (a.rollback() ? rollbacks : updates).add(new DeviceActions.Change(id, a.state(), a.progress(),
                    a.message()));
        }
        // every state change is published, in order (a batch may take one action through several states)
        List<UUID> failed = changed.stream().filter(a -> !a.rollback()
                && DeploymentState.FAILED.value().equals(a.state())).map(Action::actionId).toList();
        // a rollback's result does not count towards the campaign's waves
        Set<UUID> finished = new LinkedHashSet<>();
        changed.stream().filter(a -> !a.rollback() && DeploymentState.parse(a.state()).isFinal())
                .forEach(a -> finished.add(a.campaignId()));
        return actions.update(c, updates).call(x -> actions.updateRollbacks(c, rollbacks))
                .call(x -> outbox.addAll(c, changed.stream().map(events::changed).toList()))
                // a failed update: the device is offered its previous firmware (or why not is recorded)
                .call(x -> failed.isEmpty() ? Uni.createFrom().voidItem()
                        : deployments.rollBackFailed(c, failed).replaceWithVoid())
                .replaceWith(new Applied(outcomes, finished));
    }

    /** Why a report cannot be applied to the action as it is, or null when it can. */
    private static DomainException refusal(Report r, Action before) {
        if (before == null) {
            return DomainException.notFound("deployment action", r.actionId());
        }
        if (!before.tag().equals(r.tag())) {
            return new DomainException(DomainException.Kind.FORBIDDEN, "deployment action " + r.actionId()
                    + " belongs to another device");
        }
        DeploymentState state;
        try {
            state = DeploymentState.parse(before.state());
        } catch (IllegalArgumentException e) {
            return DomainException.conflict("deployment action " + r.actionId() + " is " + before.state()
                    + ": it takes no feedback");
        }
        try {
            state.after(r.feedback().status());
        } catch (DeploymentState.IllegalFeedback e) {
            return DomainException.conflict(e.getMessage());
        }
        return null;
    }

    private static Action with(Action a, String state, int progress, String message) {
        return new Action(a.actionId(), a.campaignId(), a.seq(), a.assetId(), a.tag(), a.siteId(),
                a.previousFirmware(), state, progress, message, a.wave(), a.campaignState(), a.currentWave(),
                a.window(), a.firmwareId(), a.version(), a.sha256(), a.signature(), a.rollback());
    }
}
