package io.converge.asset.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.asset.api.ImportRows.ImportRow;
import io.converge.asset.config.AssetConfig;
import io.converge.asset.domain.Actor;
import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.asset.domain.StatusPolicy;
import io.converge.asset.messaging.AssetEvents;
import io.converge.asset.messaging.AssetOutboxRelay;
import io.converge.asset.store.AssetBulkRepository;
import io.converge.asset.store.AssetBulkRepository.References;
import io.converge.asset.store.AssetRepository;
import io.converge.asset.store.AuditLog;
import io.converge.outbox.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Bulk import of assets. Phase 1 streams and validates every row (Bean Validation, duplicate tags); phase 2 resolves
 * hierarchy codes and zone names in bulk and applies the status policy against the current assets; phase 3 writes
 * everything in one transaction, chunk by chunk with set-based statements, with its audit entries and outbox events.
 * Any row error rejects the whole file and nothing is written.
 */
@ApplicationScoped
public class AssetImporter {

    public enum Format { CSV, JSON }

    /** The answer of an import (for a dry run: what it would do). */
    public record Summary(boolean dryRun, long rows, long created, long updated, long unchanged, long durationMs) {
    }

    /** The file was refused: the first {@link #CAP} row errors and how many there are in all. */
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

    static final int CAP = 1000;
    private static final int PROGRESS_EVERY = 10_000;
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(AssetImporter.class);

    private record Create(long row, UUID id, AssetDraft draft) {
    }

    private record Update(long row, Asset before, AssetDraft draft) {
    }

    private record Plan(List<Create> creates, List<Update> updates, long unchanged) {
    }

    /** Collects row errors: counts all of them, keeps the first {@link #CAP}. */
    private static final class Errors {
        final List<FieldError> kept = new ArrayList<>();
        long count;

        void add(FieldError e) {
            count++;
            if (kept.size() < CAP) {
                kept.add(e);
            }
        }
    }

    private final Pool pool;
    private final AssetRepository assets;
    private final AssetBulkRepository bulk;
    private final AuditLog audit;
    private final OutboxStore outbox;
    private final AssetEvents events;
    private final AssetOutboxRelay relay;
    private final Validator validator;
    private final ObjectMapper json;
    private final AssetConfig config;
    private final MeterRegistry metrics;

    public AssetImporter(Pool pool, AssetRepository assets, AssetBulkRepository bulk, AuditLog audit,
            OutboxStore outbox, AssetEvents events, AssetOutboxRelay relay, Validator validator, ObjectMapper json,
            AssetConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.assets = assets;
        this.bulk = bulk;
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.validator = validator;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    /** Runs an import on the calling (worker) thread; throws {@link Rejected} when any row is wrong. */
    public Summary run(Format format, Charset charset, InputStream body, boolean dryRun, Actor actor) {
        long start = System.nanoTime();
        Errors errors = new Errors();
        Parsed parsed = parse(format, charset, body, errors);
        List<ImportRow> rows = parsed.rows();
        long total = parsed.total();
        long parsedAt = System.nanoTime();
        // rows are written only when phase 1 found nothing wrong; otherwise phase 2 still runs (read-only, no locks)
        // so that the answer lists every error at once
        boolean writing = !dryRun && errors.count == 0;
        Plan plan = null;
        try {
            // the deadline fails the Uni inside the transaction, so reaching it rolls back: an import the client was
            // told failed can never commit later
            plan = pool.withTransaction(c -> plan(c, rows, actor, writing, errors)
                    .call(p -> !writing ? Uni.createFrom().voidItem()
                            : errors.count > 0 ? Uni.createFrom().failure(new Rejected(errors.kept, errors.count))
                            : write(c, p, actor))
                    .ifNoItem().after(WRITE_TIMEOUT).failWith(() -> new jakarta.ws.rs.ServiceUnavailableException(
                            "the import did not finish within " + WRITE_TIMEOUT.toMinutes() + " minutes and was"
                                    + " rolled back; retry when the database is less busy", 60L)))
                    .await().indefinitely();
        } catch (Rejected e) {
            // rolled back; reported below
        }
        if (errors.count > 0) {
            LOG.infof("import rejected: %d rows, %d errors", total, errors.count);
            throw new Rejected(errors.kept, errors.count);
        }
        long end = System.nanoTime();
        long ms = Duration.ofNanos(end - start).toMillis();
        Summary s = new Summary(dryRun, total, plan.creates().size(), plan.updates().size(), plan.unchanged(), ms);
        LOG.infof("import%s by %s: %d rows, %d created, %d updated, %d unchanged in %d ms (parse and validate %d ms,"
                + " check and write %d ms)", dryRun ? " (dry run)" : "", actor.name(), s.rows(), s.created(),
                s.updated(), s.unchanged(), ms, Duration.ofNanos(parsedAt - start).toMillis(),
                Duration.ofNanos(end - parsedAt).toMillis());
        if (!dryRun && s.created() + s.updated() > 0) {
            metrics.counter("converge.assets.changes", "action", "created").increment(s.created());
            metrics.counter("converge.assets.changes", "action", "updated").increment(s.updated());
            relay.kick();
        }
        return s;
    }

    // ---- phase 1: streamed parse and validation ------------------------------------------------------------------

    private record Parsed(List<ImportRow> rows, long total) {
    }

    private Parsed parse(Format format, Charset charset, InputStream body, Errors errors) {
        int maxRows = config.importing().maxRows();
        List<ImportRow> rows = new ArrayList<>();
        Map<String, Long> firstRowOfTag = new HashMap<>();
        long[] last = new long[1];
        ImportReader.RowConsumer consumer = raw -> {
            long row = raw.row();
            if (row > maxRows) {
                throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE,
                        "the import has more than " + maxRows + " rows; split it into several files");
            }
            last[0] = row;
            List<FieldError> rowErrors = new ArrayList<>(0);
            ImportRow r = ImportRows.map(raw, validator, rowErrors);
            String tag = raw.values().get("tag") == null ? null : raw.values().get("tag").trim();
            if (tag != null && !tag.isEmpty()) {
                Long first = firstRowOfTag.putIfAbsent(tag, row);
                if (first != null) {
                    rowErrors.add(new FieldError(row, "tag", "duplicate tag '" + tag + "': already on row " + first));
                    r = null;
                }
            }
            rowErrors.forEach(errors::add);
            if (r != null) {
                rows.add(r);
            }
            if (row % PROGRESS_EVERY == 0) {
                LOG.infof("import: %d rows parsed, %d errors so far", row, errors.count);
            }
        };
        if (format == Format.CSV) {
            ImportReader.readCsv(body, charset, consumer);
        } else {
            ImportReader.readJson(json, body, consumer);
        }
        return new Parsed(rows, last[0]);
    }

    // ---- phase 2: references and status policy --------------------------------------------------------------------

    /** What the rows would do; reference and status errors go to {@code errors}. Locks the existing rows if asked. */
    private Uni<Plan> plan(SqlClient c, List<ImportRow> rows, Actor actor, boolean lock, Errors errors) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new Plan(List.of(), List.of(), 0));
        }
        Set<String> codes = new HashSet<>();
        Set<UUID> nodeIds = new HashSet<>();
        Set<String> zoneNames = new HashSet<>();
        Set<UUID> zoneIds = new HashSet<>();
        List<String> tags = new ArrayList<>(rows.size());
        for (ImportRow r : rows) {
            add(codes, r.location());
            add(nodeIds, r.input().nodeId());
            add(zoneNames, r.zone());
            add(zoneIds, r.input().zoneId());
            tags.add(r.input().tag().trim());
        }
        // sorted, so that concurrent imports lock the rows they share in the same order
        Collections.sort(tags);
        return bulk.references(c, codes, nodeIds, zoneNames, zoneIds)
                .flatMap(refs -> existing(c, tags, lock)
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(found -> decide(rows, refs, found, actor, errors)));
    }

    private Uni<Map<String, Asset>> existing(SqlClient c, List<String> tags, boolean lock) {
        Map<String, Asset> out = new HashMap<>(tags.size() * 2);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<String> chunk : chunks(tags)) {
            chain = chain.call(() -> assets.findByTags(c, chunk, lock)
                    .invoke(found -> found.forEach(a -> out.put(a.tag(), a))));
        }
        return chain.replaceWith(out);
    }

    private Plan decide(List<ImportRow> rows, References refs, Map<String, Asset> existing, Actor actor,
            Errors errors) {
        List<Create> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        long unchanged = 0;
        for (ImportRow r : rows) {
            AssetInput in = r.input();
            long row = r.row();
            long before = errors.count;
            UUID nodeId = in.nodeId();
            if (r.location() != null) {
                nodeId = refs.nodesByCode().get(r.location());
                if (nodeId == null) {
                    errors.add(new FieldError(row, "location", "no hierarchy node with code '" + r.location() + "'"));
                }
            } else if (nodeId != null && !refs.nodeIds().contains(nodeId)) {
                errors.add(new FieldError(row, "nodeId", "no hierarchy node " + nodeId));
            }
            UUID zoneId = in.zoneId();
            if (r.zone() != null) {
                zoneId = refs.zonesByName().get(r.zone());
                if (zoneId == null) {
                    errors.add(new FieldError(row, "zone", "no zone named '" + r.zone() + "'"));
                }
            } else if (zoneId != null && !refs.zoneIds().contains(zoneId)) {
                errors.add(new FieldError(row, "zoneId", "no zone " + zoneId));
            }
            Asset current = existing.get(in.tag().trim());
            AssetDraft draft = withReferences(in, nodeId, zoneId)
                    .toDraft(current != null ? current.status() : AssetStatus.ACTIVE);
            try {
                if (current == null) {
                    StatusPolicy.checkInitial(draft.status(), actor.powers());
                } else {
                    StatusPolicy.checkTransition(current.status(), draft.status(), actor.powers());
                }
            } catch (DomainException e) {
                errors.add(new FieldError(row, "status", e.getMessage()));
            }
            if (errors.count > before) {
                continue;
            }
            if (current == null) {
                creates.add(new Create(row, UUID.randomUUID(), draft));
            } else if (draft.sameAs(current)) {
                unchanged++;
            } else {
                updates.add(new Update(row, current, draft));
            }
        }
        return new Plan(creates, updates, unchanged);
    }

    private static AssetInput withReferences(AssetInput in, UUID nodeId, UUID zoneId) {
        return new AssetInput(in.tag(), in.name(), in.domain(), in.type(), in.vendor(), in.model(), in.serialNumber(),
                in.ipAddress(), in.macAddress(), nodeId, zoneId, in.criticality(), in.firmwareVersion(), in.status(),
                in.labels());
    }

    // ---- phase 3: one transaction, set-based statements per chunk ---------------------------------------------------

    private Uni<Void> write(SqlClient c, Plan plan, Actor actor) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Create> chunk : chunks(plan.creates())) {
            chain = chain.call(() -> bulk.insertAll(c, chunk.stream().map(Create::id).toList(),
                    chunk.stream().map(Create::draft).toList())
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .flatMap(written -> {
                        List<Asset> after = inOrder(written, chunk, Create::id);
                        List<OutboxStore.Pending> pending = after.stream().map(a -> events.created(a, actor)).toList();
                        return audit.addAll(c, "asset", after.stream().map(Asset::id).toList(),
                                Collections.nCopies(after.size(), "created"), actor,
                                Collections.nCopies(after.size(), null), after)
                                .call(() -> outbox.addAll(c, pending));
                    }));
        }
        for (List<Update> chunk : chunks(plan.updates())) {
            chain = chain.call(() -> bulk.updateAll(c, chunk.stream().map(u -> u.before().id()).toList(),
                    chunk.stream().map(Update::draft).toList())
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .flatMap(written -> {
                        List<Asset> after = inOrder(written, chunk, u -> u.before().id());
                        List<Asset> before = chunk.stream().map(Update::before).toList();
                        List<OutboxStore.Pending> pending = new ArrayList<>(after.size() * 2);
                        for (int i = 0; i < after.size(); i++) {
                            pending.addAll(events.changed(before.get(i), after.get(i), actor));
                        }
                        return audit.addAll(c, "asset", after.stream().map(Asset::id).toList(),
                                Collections.nCopies(after.size(), "updated"), actor, before, after)
                                .call(() -> outbox.addAll(c, pending));
                    }));
        }
        return chain;
    }

    /** The written assets in the order of the chunk (RETURNING gives no order). */
    private static <T> List<Asset> inOrder(List<Asset> written, List<T> chunk, Function<T, UUID> id) {
        Map<UUID, Asset> byId = new HashMap<>(written.size() * 2);
        written.forEach(a -> byId.put(a.id(), a));
        List<Asset> out = new ArrayList<>(chunk.size());
        for (T t : chunk) {
            Asset a = byId.get(id.apply(t));
            if (a == null) {
                throw new IllegalStateException("asset " + id.apply(t) + " was not written");
            }
            out.add(a);
        }
        return out;
    }

    private <T> List<List<T>> chunks(List<T> all) {
        int size = Math.max(1, config.importing().chunkSize());
        List<List<T>> out = new ArrayList<>((all.size() + size - 1) / size);
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    private static <T> void add(Set<T> set, T value) {
        if (value != null) {
            set.add(value);
        }
    }
}
