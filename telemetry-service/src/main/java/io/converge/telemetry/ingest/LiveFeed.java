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

/**
 * Live points for Server-Sent Events: each subscriber gets the points of one asset committed after it subscribed.
 * A subscriber that cannot keep up misses points (they are dropped for it alone) rather than slowing ingest down.
 */
@ApplicationScoped
public class LiveFeed {

    private final Map<UUID, Set<MultiEmitter<? super Accepted>>> subscribers = new ConcurrentHashMap<>();
    public Multi<Accepted> subscribe(UUID asset) {
        return Multi.createFrom().<Accepted>emitter(em -> {
            subscribers.computeIfAbsent(asset, k -> ConcurrentHashMap.newKeySet()).add(em);
            em.onTermination(() -> subscribers.computeIfPresent(asset, (k, set) -> {
                set.remove(em);
                return set.isEmpty() ? null : set;
            }));
        }, BackPressureStrategy.DROP);
    }

    public void publish(List<Accepted> fresh) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (Accepted a : fresh) {
            Set<MultiEmitter<? super Accepted>> set = subscribers.get(a.asset().id());
            if (set != null) {
                set.forEach(em -> em.emit(a));
            }
        }
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }
}
