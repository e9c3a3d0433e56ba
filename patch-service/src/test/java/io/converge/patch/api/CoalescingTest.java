package io.converge.patch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingTest {

    /** Runs whose completion the test controls; each run answers its own number. */
    private static final class Runs {
        final List<CompletableFuture<Integer>> pending = new ArrayList<>();
        final AtomicInteger started = new AtomicInteger();

        Uni<Integer> work() {
            int n = started.incrementAndGet();
            CompletableFuture<Integer> f = new CompletableFuture<>();
            pending.add(f);
            return Uni.createFrom().completionStage(f).map(x -> n);
        }

        void finish(int run) {
            pending.get(run - 1).complete(0);
        }
    }

    @Test
    void callersDuringARunShareTheNextRunWhichStartsAfterIt() {
        Coalescing<String, Integer> c = new Coalescing<>();
        Runs runs = new Runs();
        CompletableFuture<Integer> first = c.run("a", runs::work).subscribeAsCompletionStage();
        assertEquals(1, runs.started.get());
        CompletableFuture<Integer> second = c.run("a", runs::work).subscribeAsCompletionStage();
        CompletableFuture<Integer> third = c.run("a", runs::work).subscribeAsCompletionStage();
        assertEquals(1, runs.started.get(), "no second run while the first goes on");
        assertFalse(second.isDone());

        runs.finish(1);
        assertEquals(1, first.join());
        assertEquals(2, runs.started.get(), "the next run starts once the first is over");
        assertFalse(second.isDone(), "the waiting callers are answered by the run that started after they asked");
        runs.finish(2);
        assertEquals(2, second.join());
        assertEquals(2, third.join());

        // idle again: a new caller starts a run of its own
        CompletableFuture<Integer> fourth = c.run("a", runs::work).subscribeAsCompletionStage();
        assertEquals(3, runs.started.get());
        runs.finish(3);
        assertEquals(3, fourth.join());
    }

    @Test
    void keysRunIndependentlyAndFailuresReachTheirCallersOnly() {
        Coalescing<String, Integer> c = new Coalescing<>();
        Runs runs = new Runs();
        CompletableFuture<Integer> a = c.run("a", runs::work).subscribeAsCompletionStage();
        CompletableFuture<Integer> b = c.run("b", runs::work).subscribeAsCompletionStage();
        assertEquals(2, runs.started.get());
        runs.pending.get(0).completeExceptionally(new IllegalStateException("database down"));
        assertTrue(a.isCompletedExceptionally());
        runs.finish(2);
        assertEquals(2, b.join());
        CompletableFuture<Integer> again = c.run("a", () -> {
            throw new IllegalStateException("cannot start");
        }).subscribeAsCompletionStage();
        assertThrows(Exception.class, () -> again.get());
        assertEquals(7, c.run("a", () -> Uni.createFrom().item(7)).await().atMost(Duration.ofSeconds(1)),
                "a failed start leaves the key free");
    }
}
