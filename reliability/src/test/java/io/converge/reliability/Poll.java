package io.converge.reliability;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling for asynchronous outcomes that fails with the last answer seen. */
final class Poll {

    private Poll() {
    }

    /** Polls {@code probe} every 250 ms until {@code done} holds for its answer; that answer. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
            }
            sleep(Duration.ofMillis(250));
            last = probe.get();
        }
        return last;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
