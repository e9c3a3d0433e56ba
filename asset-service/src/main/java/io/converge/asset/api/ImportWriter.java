package io.converge.asset.api;

import io.converge.asset.api.ImportPlanner.Plan;
import io.converge.asset.api.ImportRows.ImportRow;
import io.converge.asset.config.AssetConfig;
import io.converge.asset.domain.Actor;
import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.messaging.AssetEvents;
import io.converge.asset.store.AssetBulkRepository;
import io.converge.asset.store.AssetRepository;
import io.converge.asset.store.AuditLog;
import io.converge.outbox.OutboxStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Phase 3 of an import, inside its transaction: per chunk one set-based statement for the assets, one for their audit
 * entries and one for their outbox events. A chunk's drafts, written assets and JSON payloads are built when the
 * chunk is written and let go after it, so the write phase holds one chunk at a time whatever the file's size.
 */
@ApplicationScoped
class ImportWriter {

    private final AssetRepository assets;
    private final AssetBulkRepository bulk;
    private final AuditLog audit;
    private final OutboxStore outbox;
    private final AssetEvents events;
    private final AssetConfig config;

    ImportWriter(AssetRepository assets, AssetBulkRepository bulk, AuditLog audit, OutboxStore outbox,
            AssetEvents events, AssetConfig config) {
        this.assets = assets;
        this.bulk = bulk;
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
        this.config = config;
    }

    Uni<Void> write(SqlClient c, Plan plan, Actor actor) {
        int size = config.importing().chunkSize();
        return ImportChunks.each(plan.creates(), size, chunk -> create(c, chunk, plan, actor))
                .call(() -> ImportChunks.each(plan.updates(), size, chunk -> update(c, chunk, plan, actor)));
    }

    private Uni<Void> create(SqlClient c, List<ImportRow> chunk, Plan plan, Actor actor) {
        List<UUID> ids = new ArrayList<>(chunk.size());
        List<AssetDraft> drafts = new ArrayList<>(chunk.size());
        for (ImportRow r : chunk) {
            ids.add(UUID.randomUUID());
            drafts.add(r.resolve(plan.refs(), AssetStatus.ACTIVE));
        }
        return bulk.insertAll(c, ids, drafts)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(written -> {
                    List<Asset> after = inOrder(written, ids);
                    List<OutboxStore.Pending> pending = new ArrayList<>(after.size());
                    after.forEach(a -> pending.add(events.created(a, actor)));
                    return record(c, "created", actor, Collections.nCopies(after.size(), null), after, pending);
                });
    }

    /** Reads the chunk's assets again (locked since phase 2, so as they were planned) and writes over them. */
    private Uni<Void> update(SqlClient c, List<ImportRow> chunk, Plan plan, Actor actor) {
        return assets.findByTags(c, chunk.stream().map(r -> r.draft().tag()).toList(), true)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(found -> {
                    Map<String, Asset> byTag = new HashMap<>(found.size() * 2);
                    found.forEach(a -> byTag.put(a.tag(), a));
                    List<Asset> before = new ArrayList<>(chunk.size());
                    List<UUID> ids = new ArrayList<>(chunk.size());
                    List<AssetDraft> drafts = new ArrayList<>(chunk.size());
                    for (ImportRow r : chunk) {
                        Asset b = byTag.get(r.draft().tag());
                        if (b == null) {
                            throw new IllegalStateException("asset " + r.draft().tag() + " vanished under its lock");
                        }
                        before.add(b);
                        ids.add(b.id());
                        drafts.add(r.resolve(plan.refs(), b.status()));
                    }
                    return bulk.updateAll(c, ids, drafts)
                            .emitOn(Infrastructure.getDefaultWorkerPool())
                            .flatMap(written -> {
                                List<Asset> after = inOrder(written, ids);
                                List<OutboxStore.Pending> pending = new ArrayList<>(after.size() * 2);
                                for (int i = 0; i < after.size(); i++) {
                                    pending.addAll(events.changed(before.get(i), after.get(i), actor));
                                }
                                return record(c, "updated", actor, before, after, pending);
                            });
                });
    }

    private Uni<Void> record(SqlClient c, String action, Actor actor, List<Asset> before, List<Asset> after,
            List<OutboxStore.Pending> pending) {
        return audit.addAll(c, "asset", after.stream().map(Asset::id).toList(),
                Collections.nCopies(after.size(), action), actor, before, after)
                .call(() -> outbox.addAll(c, pending));
    }

    /** The written assets in the order of {@code ids} (RETURNING gives no order). */
    private static List<Asset> inOrder(List<Asset> written, List<UUID> ids) {
        Map<UUID, Asset> byId = new HashMap<>(written.size() * 2);
        written.forEach(a -> byId.put(a.id(), a));
        List<Asset> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Asset a = byId.get(id);
            if (a == null) {
                throw new IllegalStateException("asset " + id + " was not written");
            }
            out.add(a);
        }
        return out;
    }
}
