package io.converge.kpi.stream;

import io.converge.events.AssetEventData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** An asset event to apply: the asset as published, and whether it was deleted. */
    public record Change(AssetEventData asset, boolean deleted) {
    }

    /** Applies one asset event (see {@link #apply(List)}). */
    public Uni<Void> apply(AssetEventData a, boolean deleted) {
        return apply(List.of(new Change(a, deleted)));
    }

    /**
     * Applies asset events in one statement, each where it is newer than what is stored (per asset the highest
     * version of the batch); deletions remove the asset from the view. A replica rebuilding its view at start reads
     * the whole topic: one statement per poll instead of one per event.
     */
    public Uni<Void> apply(List<Change> changes) {
        Map<UUID, Change> latest = new LinkedHashMap<>();
        changes.forEach(ch -> latest.merge(ch.asset().id(), ch,
                (x, y) -> y.asset().version() < x.asset().version() ? x : y));
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Change> l = List.copyOf(latest.values());
        return pool.preparedQuery("INSERT INTO kpi_asset (id, tag, site_id, line_id, criticality, status, version,"
                + " deleted) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[],"
                + " $6::text[], $7::bigint[], $8::boolean[]) ON CONFLICT (id) DO UPDATE SET tag = EXCLUDED.tag,"
                + " site_id = EXCLUDED.site_id, line_id = EXCLUDED.line_id, criticality = EXCLUDED.criticality,"
                + " status = EXCLUDED.status, version = EXCLUDED.version, deleted = EXCLUDED.deleted"
                + " WHERE kpi_asset.version <= EXCLUDED.version RETURNING id")
                .execute(Tuple.from(new Object[] {l.stream().map(ch -> ch.asset().id()).toArray(UUID[]::new),
                    l.stream().map(ch -> ch.asset().tag()).toArray(String[]::new),
                    l.stream().map(ch -> ch.asset().siteId()).toArray(UUID[]::new),
                    l.stream().map(ch -> ch.asset().lineId()).toArray(UUID[]::new),
                    l.stream().map(ch -> ch.asset().criticality()).toArray(String[]::new),
                    l.stream().map(ch -> ch.asset().status()).toArray(String[]::new),
                    l.stream().map(ch -> ch.asset().version()).toArray(Long[]::new),
                    l.stream().map(Change::deleted).toArray(Boolean[]::new)}))
                .invoke(rs -> rs.forEach(r -> {
                    Change ch = latest.get(r.getUUID(0));
                    AssetEventData a = ch.asset();
                    if (ch.deleted()) {
                        byId.remove(a.id());
                    } else {
                        byId.put(a.id(), new AssetInfo(a.id(), a.tag(), a.siteId(), a.lineId(), a.criticality()));
                    }
                })).replaceWithVoid();
    }

    private static AssetInfo map(Row r) {
        return new AssetInfo(r.getUUID("id"), r.getString("tag"), r.getUUID("site_id"), r.getUUID("line_id"),
                r.getString("criticality"));
    }
}
