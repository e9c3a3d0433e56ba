package io.converge.patch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.outbox.OutboxStore;
import io.converge.patch.domain.DeploymentState;
import io.converge.patch.domain.MaintenanceWindow;
import io.converge.patch.domain.Windows;
import io.converge.patch.messaging.DeploymentEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.DeploymentRepository;
import io.converge.patch.store.DeploymentRepository.Action;
import io.converge.patch.store.SiteWindowRepository;
import io.converge.rest.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The device side of a campaign: what a device is offered when it polls, and its feedback applied with
 * {@link DeploymentState}. Each state change of an action is stored and published (outbox) in one transaction; a
 * final one then lets the {@link WaveSupervisor} decide about the wave.
 */
@ApplicationScoped
public class DeviceDeployments {

    /** Feedback as checked by the API. */
    public record Feedback(DeploymentState.Feedback status, Integer progress, String message) {
    }

    private record Applied(Action action, boolean finished) {
    }

    private final Pool pool;
    private final DeploymentRepository deployments;
    private final SiteWindowRepository windows;
    private final OutboxStore outbox;
    private final DeploymentEvents events;
    private final PatchOutboxRelay relay;
    private final WaveSupervisor supervisor;
    private final ObjectMapper json;

    public DeviceDeployments(Pool pool, DeploymentRepository deployments, SiteWindowRepository windows,
            OutboxStore outbox, DeploymentEvents events, PatchOutboxRelay relay, WaveSupervisor supervisor,
            ObjectMapper json) {
        this.pool = pool;
        this.deployments = deployments;
        this.windows = windows;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.supervisor = supervisor;
        this.json = json;
    }

    /**
     * The device's action, empty when there is none: an action already offered and not finished is answered again
     * (the device may have lost the answer); a new one is offered only inside the site's maintenance window (a site
     * without a window, or a device without a site, is never offered one) and the campaign's own window, if any.
     */
    public Uni<Optional<Action>> poll(String tag, Instant now) {
        return deployments.currentRollback(tag).flatMap(rb -> rb.isEmpty() ? pollUpdate(tag, now)
                : pollRollback(rb.get(), now));
    }

    /**
     * A rollback comes before any update: answered again once offered; a pending one is offered inside the site's
     * maintenance window only (the campaign's own window is for its update, and the campaign may be over).
     */
    private Uni<Optional<Action>> pollRollback(Action a, Instant now) {
        if (!"pending".equals(a.state())) {
            return Uni.createFrom().item(Optional.of(a));
        }
        if (a.siteId() == null) {
            return Uni.createFrom().item(Optional.<Action>empty());
        }
        return windows.find(a.siteId()).flatMap(site -> {
            if (site.isEmpty() || !Windows.isOpen(now, MaintenanceWindow.of(site.get().cron(),
                    site.get().duration(), site.get().zone()), null)) {
                return Uni.createFrom().item(Optional.<Action>empty());
            }
            return pool.withTransaction(c -> deployments.offerRollback(c, a.actionId()).call(offered ->
                    offered.isEmpty() ? Uni.createFrom().voidItem() : outbox.add(c, events.changed(offered.get()))))
                    .invoke(relay::kick)
                    .flatMap(offered -> offered.isPresent() ? Uni.createFrom().item(offered)
                            : deployments.find(pool, a.actionId(), false));
        });
    }

    private Uni<Optional<Action>> pollUpdate(String tag, Instant now) {
        return deployments.current(tag).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Action>empty());
            }
            Action a = found.get();
            if (!"pending".equals(a.state())) {
                return Uni.createFrom().item(found);
            }
            if (a.siteId() == null) {
                return Uni.createFrom().item(Optional.<Action>empty());
            }
            return windows.find(a.siteId()).flatMap(site -> {
                if (site.isEmpty() || !Windows.isOpen(now, MaintenanceWindow.of(site.get().cron(),
                        site.get().duration(), site.get().zone()), campaignWindow(a))) {
                    return Uni.createFrom().item(Optional.<Action>empty());
                }
                return offer(a);
            });
        });
    }

    private Uni<Optional<Action>> offer(Action a) {
        return pool.withTransaction(c -> deployments.offer(c, a.actionId()).call(offered -> offered.isEmpty()
                ? Uni.createFrom().voidItem() : outbox.add(c, events.changed(offered.get()))))
                .invoke(relay::kick)
                // a concurrent poll offered it first: answer it as it is now
                .flatMap(offered -> offered.isPresent() ? Uni.createFrom().item(offered)
                        : deployments.find(pool, a.actionId(), false));
    }

    /**
     * Applies feedback: unknown action → 404, another device's action → 403, not offered yet or after a final state
     * → 409. A repeated or lagging report changes nothing (and publishes nothing).
     */
    public Uni<Action> feedback(String tag, UUID actionId, Feedback f) {
        return pool.withTransaction(c -> deployments.find(c, actionId, true).flatMap(found -> {
            Action before = found.orElseThrow(() -> DomainException.notFound("deployment action", actionId));
            if (!before.tag().equals(tag)) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "deployment action " + actionId
                        + " belongs to another device");
            }
            DeploymentState state;
            try {
                state = DeploymentState.parse(before.state());
            } catch (IllegalArgumentException e) {
                throw DomainException.conflict("deployment action " + actionId + " is " + before.state()
                        + ": it takes no feedback");
            }
            DeploymentState next;
            try {
                next = state.after(f.status());
            } catch (DeploymentState.IllegalFeedback e) {
                throw DomainException.conflict(e.getMessage());
            }
            int progress = next == DeploymentState.SUCCEEDED ? 100 : DeploymentState.progress(before.progress(),
                    f.progress());
            boolean changed = next != state;
            if (before.rollback()) {
                // a rollback's result does not count towards the campaign's waves
                return deployments.updateRollback(c, actionId, next.value(), progress, f.message())
                        .call(after -> changed ? outbox.add(c, events.changed(after)) : Uni.createFrom().voidItem())
                        .map(after -> new Applied(after, false));
            }
            return deployments.update(c, actionId, next.value(), progress, f.message())
                    .call(after -> changed ? outbox.add(c, events.changed(after)) : Uni.createFrom().voidItem())
                    // a failed update: the device is offered its previous firmware (or why not is recorded)
                    .call(after -> changed && next == DeploymentState.FAILED
                            ? deployments.rollBackFailed(c, actionId) : Uni.createFrom().voidItem())
                    .map(after -> new Applied(after, changed && next.isFinal()));
        })).invoke(relay::kick).flatMap(r -> r.finished()
                ? supervisor.evaluate(r.action().campaignId()).replaceWith(r.action())
                : Uni.createFrom().item(r.action()));
    }

    private MaintenanceWindow campaignWindow(Action a) {
        if (a.window() == null) {
            return null;
        }
        try {
            JsonNode w = json.readTree(a.window());
            if (w == null || w.isNull() || w.isMissingNode()) {
                return null;
            }
            return MaintenanceWindow.of(w.path("cron").asText(), Duration.parse(w.path("duration").asText()),
                    w.path("zone").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign window of " + a.campaignId(), e);
        }
    }
}
