package io.converge.asset.api;

import io.converge.asset.config.AssetConfig;
import io.converge.rest.DomainException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap the service grants bulk imports, shared by the imports running at once, so that an import it cannot hold
 * is refused with a problem document instead of running the JVM out of memory (after which the service lives on
 * broken). Each import takes a {@link Lease}: a working allowance for the chunks it writes, plus what its rows take as
 * they are read ({@link ImportValues#footprint()}). An import that alone would exceed the budget is a 413 (split the
 * file); one that finds the budget taken by others is a 503 with Retry-After.
 */
@ApplicationScoped
class ImportBudget {

    /** Working memory of a chunk's row in phases 2 and 3: the asset read back, audit and outbox JSON, SQL params. */
    static final long WORKING_BYTES_PER_ROW = 8 * 1024;
    private static final long STEP = 1 << 20;

    private final long total;
    private final long working;
    private final AtomicLong used = new AtomicLong();

    /** Share of the maximum heap granted to imports unless converge.import.memory-budget says otherwise. */
    static final int DEFAULT_HEAP_PERCENT = 40;

    @Inject
    ImportBudget(AssetConfig config) {
        this(config.importing().memoryBudget().map(MemorySize::asLongValue)
                .orElse(Runtime.getRuntime().maxMemory() / 100 * DEFAULT_HEAP_PERCENT),
                config.importing().chunkSize() * WORKING_BYTES_PER_ROW);
    }

    ImportBudget(long total, long working) {
        this.total = total;
        this.working = Math.min(working, total / 4);
    }

    long total() {
        return total;
    }

    long used() {
        return used.get();
    }

    /** A lease holding the working allowance; 503 when other imports hold the budget. */
    Lease lease() {
        Lease lease = new Lease();
        lease.grab(roundUp(working), 0);
        return lease;
    }

    private static long roundUp(long bytes) {
        return (bytes + STEP - 1) / STEP * STEP;
    }

    /** One import's share of the budget; closing it gives the share back. Used by one thread at a time. */
    final class Lease implements AutoCloseable {

        private long held;

        /** Grows the lease to hold {@code rowBytes} beyond the working allowance ({@code rows} read so far). */
        void ensure(long rowBytes, long rows) {
            long need = working + rowBytes;
            if (need <= held) {
                return;
            }
            long want = roundUp(need);
            if (want > total) {
                throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE, "the import is too large to hold"
                        + " in memory: after " + rows + " rows it needs more than the " + (total >> 20) + " MB this"
                        + " instance grants imports (converge.import.memory-budget); split it into smaller files");
            }
            grab(want - held, rows);
        }

        private void grab(long more, long rows) {
            while (true) {
                long now = used.get();
                if (now + more > total) {
                    throw new DomainException(DomainException.Kind.UNAVAILABLE, "other imports are using the memory"
                            + " this instance grants imports (" + (now >> 20) + " of " + (total >> 20) + " MB"
                            + (rows > 0 ? ", this one needs more after " + rows + " rows" : "")
                            + "); retry when they have finished");
                }
                if (used.compareAndSet(now, now + more)) {
                    held += more;
                    return;
                }
            }
        }

        long held() {
            return held;
        }

        @Override
        public void close() {
            used.addAndGet(-held);
            held = 0;
        }
    }
}
