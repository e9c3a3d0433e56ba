package io.converge.asset.api;

import io.converge.asset.api.ImportRows.ImportRow;
import io.converge.asset.config.AssetConfig;
import io.converge.asset.domain.Actor;
import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.domain.StatusPolicy;
import io.converge.asset.store.AssetBulkRepository;
import io.converge.asset.store.AssetBulkRepository.References;
import io.converge.asset.store.AssetRepository;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Phase 2 of an import: resolves hierarchy codes and zone names in one query, then reads the current assets chunk by
 * chunk in tag order (locking them when the import is to be written), applies the status policy and sorts every row
 * into create, update or unchanged. Only that verdict is kept: phase 3 reads each chunk's current assets again under
 * the locks taken here, so the assets of all 100,000 rows are never held at once.
 */
@ApplicationScoped
class ImportPlanner {

    /** What the rows would do: creates and updates in file order. */
    record Plan(References refs, List<ImportRow> creates, List<ImportRow> updates, long unchanged) {
    }

    private static final Comparator<ImportRow> BY_TAG = Comparator.comparing(r -> r.draft().tag());
    private static final Comparator<ImportRow> BY_ROW = Comparator.comparingInt(ImportRow::row);

    private final AssetRepository assets;
    private final AssetBulkRepository bulk;
    private final AssetConfig config;

    ImportPlanner(AssetRepository assets, AssetBulkRepository bulk, AssetConfig config) {
        this.assets = assets;
        this.bulk = bulk;
        this.config = config;
    }

    /** The plan; reference and status errors go to {@code errors}. Locks the existing rows if asked. */
    Uni<Plan> plan(SqlClient c, List<ImportRow> rows, Actor actor, boolean lock, ImportErrors errors) {
        Set<String> codes = new HashSet<>();
        Set<UUID> nodeIds = new HashSet<>();
        Set<String> zoneNames = new HashSet<>();
        Set<UUID> zoneIds = new HashSet<>();
        for (ImportRow r : rows) {
            add(codes, r.location());
            add(nodeIds, r.draft().nodeId());
            add(zoneNames, r.zone());
            add(zoneIds, r.draft().zoneId());
        }
        // sorted, so that concurrent imports lock the rows they share in the same order
        List<ImportRow> byTag = new ArrayList<>(rows);
        byTag.sort(BY_TAG);
        return bulk.references(c, codes, nodeIds, zoneNames, zoneIds).flatMap(refs -> {
            Verdicts verdicts = new Verdicts(refs, actor, errors);
            return ImportChunks.each(byTag, config.importing().chunkSize(), chunk -> assets.findByTags(c,
                    chunk.stream().map(r -> r.draft().tag()).toList(), lock)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .invoke(found -> verdicts.decide(chunk, found)))
                    .map(x -> verdicts.plan());
        });
    }

    /** The verdicts of the chunks decided so far. */
    private static final class Verdicts {
        private final References refs;
        private final Actor actor;
        private final ImportErrors errors;
        private final List<ImportRow> creates = new ArrayList<>();
        private final List<ImportRow> updates = new ArrayList<>();
        private long unchanged;

        Verdicts(References refs, Actor actor, ImportErrors errors) {
            this.refs = refs;
            this.actor = actor;
            this.errors = errors;
        }

        void decide(List<ImportRow> chunk, List<Asset> found) {
            Map<String, Asset> current = new HashMap<>(found.size() * 2);
            found.forEach(a -> current.put(a.tag(), a));
            for (ImportRow r : chunk) {
                decide(r, current.get(r.draft().tag()));
            }
        }

        private void decide(ImportRow r, Asset current) {
            long row = r.row();
            AssetDraft draft = r.resolve(refs, current != null ? current.status() : AssetStatus.ACTIVE);
            List<FieldError> problems = new ArrayList<>(0);
            if (r.location() != null && draft.nodeId() == null) {
                problems.add(new FieldError(row, "location", "no hierarchy node with code '" + r.location() + "'"));
            } else if (r.location() == null && draft.nodeId() != null && !refs.nodeIds().contains(draft.nodeId())) {
                problems.add(new FieldError(row, "nodeId", "no hierarchy node " + draft.nodeId()));
            }
            if (r.zone() != null && draft.zoneId() == null) {
                problems.add(new FieldError(row, "zone", "no zone named '" + r.zone() + "'"));
            } else if (r.zone() == null && draft.zoneId() != null && !refs.zoneIds().contains(draft.zoneId())) {
                problems.add(new FieldError(row, "zoneId", "no zone " + draft.zoneId()));
            }
            try {
                if (current == null) {
                    StatusPolicy.checkInitial(draft.status(), actor.powers());
                } else {
                    StatusPolicy.checkTransition(current.status(), draft.status(), actor.powers());
                }
            } catch (DomainException e) {
                problems.add(new FieldError(row, "status", e.getMessage()));
            }
            if (!problems.isEmpty()) {
                problems.forEach(errors::addLate);
            } else if (current == null) {
                creates.add(r);
            } else if (draft.sameAs(current)) {
                unchanged++;
            } else {
                updates.add(r);
            }
        }

        Plan plan() {
            // back to file order: rows are written in the order the file gives them
            creates.sort(BY_ROW);
            updates.sort(BY_ROW);
            return new Plan(refs, creates, updates, unchanged);
        }
    }

    private static <T> void add(Set<T> set, T value) {
        if (value != null) {
            set.add(value);
        }
    }
}
