package io.converge.asset.api;

import io.converge.asset.api.ImportPlanner.Plan;
import io.converge.asset.domain.Actor;
import io.converge.asset.messaging.AssetOutboxRelay;
import io.converge.rest.FieldError;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Bulk import of assets. Phase 1 ({@link ImportParser}) streams and validates every row (Bean Validation, duplicate
 * tags); phase 2 ({@link ImportPlanner}) resolves hierarchy codes and zone names in bulk and applies the status policy
 * against the current assets; phase 3 ({@link ImportWriter}) writes everything in one transaction, chunk by chunk with
 * set-based statements, with its audit entries and outbox events. Any row error rejects the whole file and nothing is
 * written. The rows are held compact under a lease of the import memory budget ({@link ImportBudget}): an import the
 * service cannot hold is refused (413, or 503 while other imports hold the budget) instead of exhausting the heap.
 */
@ApplicationScoped
public class AssetImporter {

    public enum Format { CSV, JSON }

    /** The answer of an import (for a dry run: what it would do). */
    public record Summary(boolean dryRun, long rows, long created, long updated, long unchanged, long durationMs) {
    }

    /** The file was refused: the first {@link ImportErrors#CAP} row errors and how many there are in all. */
    public static final class Rejected extends RuntimeException {
        private final transient List<FieldError> errors;
        private final long count;

        Rejected(List<FieldError> errors, long count) {
            super(count + " error" + (count == 1 ? "" : "s") + " in the import; nothing was imported", null, false,
                    false);
            this.errors = List.copyOf(errors);
            this.count = count;
        }

        public List<FieldError> errors() {
            return errors;
        }

        public long count() {
            return count;
        }
    }

    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(AssetImporter.class);

    private final Pool pool;
    private final ImportParser parser;
    private final ImportPlanner planner;
    private final ImportWriter writer;
    private final ImportBudget budget;
    private final AssetOutboxRelay relay;
    private final MeterRegistry metrics;

    AssetImporter(Pool pool, ImportParser parser, ImportPlanner planner, ImportWriter writer, ImportBudget budget,
            AssetOutboxRelay relay, MeterRegistry metrics) {
        this.pool = pool;
        this.parser = parser;
        this.planner = planner;
        this.writer = writer;
        this.budget = budget;
        this.relay = relay;
        this.metrics = metrics;
    }

    /** Runs an import on the calling (worker) thread; throws {@link Rejected} when any row is wrong. */
    public Summary run(Format format, Charset charset, InputStream body, boolean dryRun, Actor actor) {
        long start = System.nanoTime();
        ImportErrors errors = new ImportErrors();
        Plan plan = null;
        long total;
        long parsedAt;
        long held;
        try (ImportBudget.Lease lease = budget.lease()) {
            ImportParser.Parsed parsed = parser.parse(format, charset, body, errors, lease);
            total = parsed.total();
            held = lease.held();
            parsedAt = System.nanoTime();
            // rows are written only when phase 1 found nothing wrong; otherwise phase 2 still runs (read-only, no
            // locks) so that the answer lists every error at once
            boolean writing = !dryRun && errors.count() == 0;
            try {
                // the deadline fails the Uni inside the transaction, so reaching it rolls back: an import the client
                // was told failed can never commit later
                plan = pool.withTransaction(c -> planner.plan(c, parsed.rows(), actor, writing, errors)
                        .call(p -> !writing ? Uni.createFrom().voidItem()
                                : errors.count() > 0 ? Uni.createFrom().failure(errors.rejected())
                                : writer.write(c, p, actor))
                        .ifNoItem().after(WRITE_TIMEOUT).failWith(() -> new jakarta.ws.rs.ServiceUnavailableException(
                                "the import did not finish within " + WRITE_TIMEOUT.toMinutes() + " minutes and was"
                                        + " rolled back; retry when the database is less busy", 60L)))
                        .await().indefinitely();
            } catch (Rejected e) {
                // rolled back; reported below
            }
        }
        if (errors.count() > 0) {
            LOG.infof("import rejected: %d rows, %d errors", total, errors.count());
            throw errors.rejected();
        }
        long end = System.nanoTime();
        long ms = Duration.ofNanos(end - start).toMillis();
        Summary s = new Summary(dryRun, total, plan.creates().size(), plan.updates().size(), plan.unchanged(), ms);
        LOG.infof("import%s by %s: %d rows, %d created, %d updated, %d unchanged in %d ms (parse and validate %d ms,"
                + " check and write %d ms, ~%d MB held)", dryRun ? " (dry run)" : "", actor.name(), s.rows(),
                s.created(), s.updated(), s.unchanged(), ms, Duration.ofNanos(parsedAt - start).toMillis(),
                Duration.ofNanos(end - parsedAt).toMillis(), held >> 20);
        if (!dryRun && s.created() + s.updated() > 0) {
            metrics.counter("converge.assets.changes", "action", "created").increment(s.created());
            metrics.counter("converge.assets.changes", "action", "updated").increment(s.updated());
            relay.kick();
        }
        return s;
    }
}
