package io.converge.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition in tests of asynchronous work (consumers, workers) until it holds or the time is up. */
public final class Await {

    private Await() {
    }

    /** Fails with {@code what} when {@code condition} does not hold within {@code timeout} (polled every 100 ms). */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
