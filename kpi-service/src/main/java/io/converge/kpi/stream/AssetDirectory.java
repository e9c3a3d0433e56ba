package io.converge.kpi.stream;

import io.converge.events.AssetEventData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The assets kpi-service knows (table kpi_asset, fed by converge.asset.events), cached in memory. An asset first
 * seen in telemetry, before its asset event, is known by id, tag and site only until the event arrives.
 */
@ApplicationScoped
public class AssetDirectory {

    private final Pool pool;
    private final Map<UUID, AssetInfo> byId = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public AssetDirectory(Pool pool) {
        this.pool = pool;
    }

    /** Loads the table into the cache once (idempotent). */
    public Uni<Void> load() {
        if (loaded) {
            return Uni.createFrom().voidItem();
        }
        return pool.query("SELECT id, tag, site_id, line_id, criticality FROM kpi_asset WHERE NOT deleted").execute()
                .invoke(rs -> {
                    rs.forEach(r -> byId.put(r.getUUID("id"), map(r)));
                    loaded = true;
                }).replaceWithVoid();
    }

    public Uni<Optional<AssetInfo>> byId(UUID id) {
        return load().map(x -> Optional.ofNullable(byId.get(id)));
    }

    /**
     * The asset from the cache, else from the table (another replica may have recorded it first: each replica's
     * cache is filled by its own consumers).
     */
    public Uni<Optional<AssetInfo>> find(UUID id) {
        AssetInfo cached = byId.get(id);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return pool.preparedQuery("SELECT id, tag, site_id, line_id, criticality FROM kpi_asset WHERE id = $1"
                + " AND NOT deleted").execute(Tuple.of(id)).map(rs -> {
                    if (rs.size() == 0) {
                        return Optional.empty();
                    }
                    AssetInfo a = map(rs.iterator().next());
                    byId.putIfAbsent(id, a);
                    return Optional.of(a);
                });
    }

    /** The asset with this tag (tags are unique among live assets). */
    public Uni<Optional<AssetInfo>> byTag(String tag) {
        return load().map(x -> byId.values().stream().filter(a -> a.tag().equals(tag)).findFirst());
    }

    /** The live assets of a line. */
    public Uni<List<AssetInfo>> onLine(UUID lineId) {
        return load().map(x -> {
            List<AssetInfo> out = new ArrayList<>();
            byId.values().forEach(a -> {
                if (lineId.equals(a.lineId())) {
                    out.add(a);
                }
            });
            return out;
        });
    }

    /** The cached asset, or one made from what a telemetry event says (id, tag, site) when no asset event came yet. */
    public AssetInfo resolve(UUID id, String tag, UUID siteId) {
        AssetInfo known = byId.get(id);
        return known != null ? known : new AssetInfo(id, tag, siteId, null, null);
    }

    /**
     * Records an asset first seen in telemetry (id, tag, site) so the window worker knows it before its asset event;
     * the event, with a real version, then replaces it.
     */
    public Uni<Void> ensure(io.vertx.mutiny.sqlclient.SqlClient c, AssetInfo a) {
        if (byId.containsKey(a.id())) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("INSERT INTO kpi_asset (id, tag, site_id, version) VALUES ($1, $2, $3, 0)"
                + " ON CONFLICT (id) DO NOTHING").execute(Tuple.of(a.id(), a.tag(), a.siteId()))
                .invoke(rs -> byId.putIfAbsent(a.id(), a)).replaceWithVoid();
    }

    /** Applies an asset event when it is newer than what is stored; deletions remove the asset from the view. */
    public Uni<Void> apply(AssetEventData a, boolean deleted) {
        return pool.preparedQuery("INSERT INTO kpi_asset (id, tag, site_id, line_id, criticality, status, version,"
                + " deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET tag = EXCLUDED.tag,"
                + " site_id = EXCLUDED.site_id, line_id = EXCLUDED.line_id, criticality = EXCLUDED.criticality,"
                + " status = EXCLUDED.status, version = EXCLUDED.version, deleted = EXCLUDED.deleted"
                + " WHERE kpi_asset.version <= EXCLUDED.version RETURNING id")
                .execute(Tuple.from(new Object[] {a.id(), a.tag(), a.siteId(), a.lineId(), a.criticality(),
                        a.status(), a.version(), deleted}))
                .invoke(rs -> {
                    if (rs.size() > 0) {
                        if (deleted) {
                            byId.remove(a.id());
                        } else {
                            byId.put(a.id(), new AssetInfo(a.id(), a.tag(), a.siteId(), a.lineId(),
                                    a.criticality()));
                        }
                    }
                }).replaceWithVoid();
    }

    private static AssetInfo map(Row r) {
        return new AssetInfo(r.getUUID("id"), r.getString("tag"), r.getUUID("site_id"), r.getUUID("line_id"),
                r.getString("criticality"));
    }
}
