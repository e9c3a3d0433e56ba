package io.converge.kpi.alarm;

import io.converge.kpi.alarm.AlarmRuleCache.Entry;
import io.converge.kpi.alarm.AlarmRuleCache.Key;
import io.converge.kpi.domain.AlarmRule;
import io.converge.kpi.domain.AlarmTracker;
import io.converge.kpi.domain.AlarmTracker.State;
import io.converge.kpi.domain.AlarmTracker.Transition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link AlarmTracker} per rule and asset (per rule for a line KPI rule), in memory. A tracker is created on first
 * use: from the open alarm of its rule and asset when there is one (so an open alarm is not raised a second time
 * after a restart), from NORMAL otherwise. PENDING is never stored, so a "for" timer that was running when the
 * replica stopped starts again with the next value. A tracker whose rule condition changed is replaced.
 *
 * <p>The tracker steps synchronously; the raises and clears it yields are written one after the other per tracker
 * (a clear never overtakes its raise). When a write fails, the tracker is dropped and resumes from the database state
 * with the next value.
 */
@ApplicationScoped
public class AlarmTrackers {

    /** Writes the raises and clears of one tracker step, in order. */
    public interface Writer {
        Uni<Void> write(List<Transition> transitions);
    }

    private static final class Slot {
        final AlarmRule rule;
        final AlarmTracker tracker;
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Slot(AlarmRule rule, AlarmTracker tracker) {
            this.rule = rule;
            this.tracker = tracker;
        }
    }

    private final AlarmRuleCache cache;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

    public AlarmTrackers(AlarmRuleCache cache) {
        this.cache = cache;
    }

    /**
     * Steps the tracker of {@code rule} and {@code assetId} (null for a line alarm) and writes the raises and clears
     * it yields; the Uni completes once they are committed.
     */
    public Uni<Void> feed(Entry rule, UUID assetId, Function<AlarmTracker, List<Transition>> step, Writer writer) {
        Key key = new Key(rule.rule().id(), assetId);
        Slot slot = slots.compute(key, (k, old) -> old != null && old.rule.equals(rule.domain()) ? old
                : new Slot(rule.domain(), resume(k, rule.domain())));
        CompletableFuture<Void> done;
        synchronized (slot) {
            List<Transition> ts = step.apply(slot.tracker).stream()
                    .filter(t -> t.to() == State.ACTIVE || t.to() == State.CLEARED).toList();
            if (ts.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            done = slot.tail.handle((x, f) -> (Void) null)
                    .thenCompose(x -> writer.write(ts).subscribeAsCompletionStage())
                    .toCompletableFuture();
            slot.tail = done;
        }
        return Uni.createFrom().completionStage((CompletionStage<Void>) done).onFailure()
                .invoke(f -> slots.remove(key, slot));
    }

    /** The state of a tracker, if it exists (for tests and diagnostics). */
    public Optional<State> state(UUID ruleId, UUID assetId) {
        Slot slot = slots.get(new Key(ruleId, assetId));
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return Optional.of(slot.tracker.state());
        }
    }

    /** Drops the trackers of a rule (changed or deleted): the next value starts from the database state. */
    public void forget(UUID ruleId) {
        slots.keySet().removeIf(k -> k.ruleId().equals(ruleId));
    }

    private AlarmTracker resume(Key key, AlarmRule rule) {
        return cache.open(key).map(o -> AlarmTracker.resume(rule,
                State.valueOf(o.state().toUpperCase(Locale.ROOT)), o.seq())).orElseGet(() -> new AlarmTracker(rule));
    }
}
