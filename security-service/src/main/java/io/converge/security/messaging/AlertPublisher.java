package io.converge.security.messaging;

import io.converge.events.SecurityAlertTypes;
import io.converge.outbox.OutboxStore;
import io.converge.security.config.SecurityConfig;
import io.converge.security.store.AlertStore;
import io.converge.security.store.AlertView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Publishes the alert updates the pipeline deferred: an open alert that more events keep updating goes out on
 * converge.security.alerts at most once per publish interval, always with its latest state. The pipeline hands over
 * the alerts it did not publish ({@link #defer}); each tick publishes those whose interval is over, in one transaction
 * with their outbox rows. The database is the record (alert.publish_pending): a sweep at start and every few minutes
 * publishes what a stopped instance (or another replica) left pending, so no last update is ever lost.
 */
@ApplicationScoped
public class AlertPublisher {

    private static final Logger LOG = Logger.getLogger(AlertPublisher.class);

    private final AlertStore alerts;
    private final OutboxStore outbox;
    private final AlertEvents events;
    private final SecurityOutboxRelay relay;
    private final Duration interval;
    /** Alert id → when it is due (its last publication + the interval), as this instance deferred it. */
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final Counter published;

    public AlertPublisher(AlertStore alerts, OutboxStore outbox, AlertEvents events, SecurityOutboxRelay relay,
            SecurityConfig config, MeterRegistry registry) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.interval = config.alerts().publishInterval();
        this.published = Counter.builder("converge.security.alerts.published").tag("when", "deferred")
                .description("alert updates published after their publish interval").register(registry);
    }

    /** The publish interval: the least time between two alert-updated events of one alert. */
    public Duration interval() {
        return interval;
    }

    /** An alert changed (committed) without being published: publish it once its interval since the last is over. */
    public void defer(UUID alert, Instant lastPublished) {
        pending.merge(alert, lastPublished.plus(interval), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How many alerts wait for their publication on this instance. */
    public int waiting() {
        return pending.size();
    }

    @Scheduled(every = "${converge.security.alerts.publish-tick:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        Instant now = Instant.now();
        Map<UUID, Instant> due = new HashMap<>();
        pending.forEach((id, at) -> {
            if (!at.isAfter(now)) {
                due.put(id, at);
            }
        });
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = due.keySet().toArray(UUID[]::new);
        return publish(ids).flatMap(sent -> {
            // a deferral made meanwhile (a later due time) stays: remove only what is unchanged since the snapshot
            sent.forEach(a -> pending.remove(a.id(), due.get(a.id())));
            return alerts.pendingAmong(ids);
        }).invoke(still -> due.forEach((id, at) -> {
            Instant last = still.get(id);
            if (last == null) {
                pending.remove(id, at); // published (by this tick, the pipeline or an analyst's change)
            } else {
                // skipped while a grouping batch held it, or published again since: due once its interval is over
                pending.merge(id, last.plus(interval), (a, b) -> a.isAfter(b) ? a : b);
            }
        })).onFailure().invoke(e -> LOG.warnf("deferred alert updates not published yet (retried): %s",
                e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Every alert left pending, whoever deferred it: at start, then every few minutes. */
    @Scheduled(every = "${converge.security.alerts.publish-sweep:120s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return publishAllDue().onFailure().invoke(e -> LOG.warnf("alert sweep failed (retried): %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Publishes every due alert left pending in the database, whoever deferred it; answers how many went out. */
    public Uni<Integer> publishAllDue() {
        return publish(null).map(List::size);
    }

    /** Publishes the due alerts among {@code ids} (all when null); answers those that went out. */
    private Uni<List<AlertView>> publish(UUID[] ids) {
        List<AlertView> out = new ArrayList<>();
        return alerts.pool().withTransaction(c -> alerts.takeDue(c, ids, interval).flatMap(views -> {
            out.clear();
            out.addAll(views);
            return outbox.addAll(c, views.stream()
                    .map(a -> events.of(SecurityAlertTypes.UPDATED, a, "security-service")).toList());
        })).map(x -> {
            if (!out.isEmpty()) {
                published.increment(out.size());
                relay.kick();
            }
            return out;
        });
    }
}
