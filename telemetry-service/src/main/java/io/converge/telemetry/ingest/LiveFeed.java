package io.converge.telemetry.ingest;

import io.converge.telemetry.store.PointStore.Accepted;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live points for Server-Sent Events: each subscriber gets the points of one asset committed after it subscribed.
 * Each subscriber has a bounded backlog ({@link #BACKLOG} points not yet written to it); a subscriber that cannot keep
 * up misses the points beyond it (dropped for it alone) rather than slowing ingest down or holding memory.
 *
 * <p>The backlog matters for fast clients too: a batch's points are emitted at once, while the SSE writer asks for one
 * element at a time, so without one every point of a batch but the first was dropped (a console saw one metric of a
 * device's multi-metric batch).
 */
@ApplicationScoped
public class LiveFeed {

    /** Points held per subscriber until its connection takes them. */
    static final int BACKLOG = 1024;

    private final Map<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    private static final class Subscriber {
        final AtomicInteger pending = new AtomicInteger();
        volatile MultiEmitter<? super Accepted> emitter;

        void offer(Accepted a) {
            MultiEmitter<? super Accepted> em = emitter;
            if (em == null || em.isCancelled()) {
                return;
            }
            if (pending.incrementAndGet() > BACKLOG) {
                pending.decrementAndGet(); // the client is behind: this point is missed
                return;
            }
            em.emit(a);
        }
    }

    public Multi<Accepted> subscribe(UUID asset) {
        Subscriber s = new Subscriber();
        return Multi.createFrom().<Accepted>emitter(em -> {
            s.emitter = em;
            subscribers.computeIfAbsent(asset, k -> ConcurrentHashMap.newKeySet()).add(s);
            em.onTermination(() -> subscribers.computeIfPresent(asset, (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            }));
        }, BackPressureStrategy.BUFFER).onItem().invoke(x -> s.pending.decrementAndGet());
    }

    public void publish(List<Accepted> fresh) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (Accepted a : fresh) {
            Set<Subscriber> set = subscribers.get(a.asset().id());
            if (set != null) {
                set.forEach(s -> s.offer(a));
            }
        }
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }
}
