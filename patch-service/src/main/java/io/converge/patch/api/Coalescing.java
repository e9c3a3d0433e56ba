package io.converge.patch.api;

import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most one run of a piece of work per key at a time, with the callers who ask while it runs sharing the next
 * run, which starts once it is over. Each caller's answer thus comes from a run that started after the caller asked
 * (so it sees whatever the caller committed before), while a burst of callers costs two runs instead of one each.
 * Used for wave decisions: under load, hundreds of final results per second of one campaign each ask for one.
 *
 * @param <K> the key (a campaign id)
 * @param <V> the run's result
 */
final class Coalescing<K, V> {

    private static final class Slot<V> {
        CompletableFuture<V> next;
        Supplier<Uni<V>> nextWork;
    }

    /** Keys with a run going; the value holds the callers waiting for the next run, if any. */
    private final Map<K, Slot<V>> running = new HashMap<>();

    Uni<V> run(K key, Supplier<Uni<V>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<V> mine;
            boolean start = false;
            synchronized (running) {
                Slot<V> slot = running.get(key);
                if (slot == null) {
                    running.put(key, new Slot<>());
                    mine = new CompletableFuture<>();
                    start = true;
                } else {
                    if (slot.next == null) {
                        slot.next = new CompletableFuture<>();
                        slot.nextWork = work;
                    }
                    mine = slot.next;
                }
            }
            if (start) {
                launch(key, work, mine);
            }
            return Uni.createFrom().completionStage(mine);
        });
    }

    private void launch(K key, Supplier<Uni<V>> work, CompletableFuture<V> target) {
        Uni<V> u;
        try {
            u = work.get();
        } catch (RuntimeException e) {
            target.completeExceptionally(e);
            finished(key);
            return;
        }
        u.subscribe().with(v -> {
            target.complete(v);
            finished(key);
        }, e -> {
            target.completeExceptionally(e);
            finished(key);
        });
    }

    private void finished(K key) {
        CompletableFuture<V> next;
        Supplier<Uni<V>> work;
        synchronized (running) {
            Slot<V> slot = running.get(key);
            next = slot.next;
            work = slot.nextWork;
            if (next == null) {
                running.remove(key);
            } else {
                running.put(key, new Slot<>());
            }
        }
        if (next != null) {
            launch(key, work, next);
        }
    }
}
