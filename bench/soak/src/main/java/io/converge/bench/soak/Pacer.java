package io.converge.bench.soak;

import io.converge.bench.common.BenchException;
import java.time.Duration;

/** Runs a task at a fixed period until a deadline; a task that overran is followed at once, never by a burst. */
final class Pacer {

    private Pacer() {
    }

    /** From {@code firstNanos} (System.nanoTime) every {@code period} until {@code deadlineNanos}. */
    static void every(Duration period, long firstNanos, long deadlineNanos, Runnable task) {
        long step = period.toNanos();
        long next = firstNanos;
        while (true) {
            long now = System.nanoTime();
            if (next > now) {
                sleepNanos(Math.min(next, deadlineNanos) - now);
            }
            if (System.nanoTime() >= deadlineNanos) {
                return;
            }
            task.run();
            next += step;
            long after = System.nanoTime();
            if (next < after - step) {
                next = after;   // more than a period behind: go on from now instead of catching up
            }
        }
    }

    static void sleepNanos(long nanos) {
        if (nanos > 0) {
            BenchException.sleep(Math.max(1, nanos / 1_000_000));
        }
    }
}
