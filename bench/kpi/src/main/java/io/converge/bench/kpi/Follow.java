package io.converge.bench.kpi;

import io.converge.bench.common.BenchException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * How the benchmark sees a kpi-service instance get through the data, from its database: every asset's clock
 * (kpi_clock.max_ts) at the last time sent for it, and its last closable window of a width stored.
 */
final class Follow {

    /** kpi-service's default close delay (converge.windows.close-delay): a window closes this long after its end. */
    static final long CLOSE_DELAY_SECONDS = 30;

    private Follow() {
    }

    static boolean clocksDone(Db db, Line line, Plant plant) {
        Map<UUID, Instant> clocks = db.clocks(line.ids());
        for (int i = 0; i < line.assets.size(); i++) {
            Instant c = clocks.get(line.assets.get(i).id());
            if (c == null || c.isBefore(plant.lastOf[i])) {
                return false;
            }
        }
        return true;
    }

    /** Start of the last window of this width that closes with the asset's last sample. */
    static Instant lastClosable(Instant lastSample, int widthSeconds) {
        long wm = lastSample.getEpochSecond() - CLOSE_DELAY_SECONDS;
        return Instant.ofEpochSecond(Math.floorDiv(wm, widthSeconds) * widthSeconds - widthSeconds);
    }

    static boolean windowsDone(Db db, Line line, Plant plant, int widthSeconds) {
        Map<UUID, Instant> latest = db.latestWindows(line.ids(), widthSeconds);
        for (int i = 0; i < line.assets.size(); i++) {
            Instant w = latest.get(line.assets.get(i).id());
            if (w == null || w.isBefore(lastClosable(plant.lastOf[i], widthSeconds))) {
                return false;
            }
        }
        return true;
    }

    /** Polls a condition every {@code pollMs}; answers System.nanoTime() when it held, or -1 at the deadline. */
    static long until(BooleanSupplier condition, long deadlineNanos, long pollMs) {
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadlineNanos) {
                return -1;
            }
            BenchException.sleep(pollMs);
        }
    }
}
