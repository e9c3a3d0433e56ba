package io.converge.asset.store;

import io.converge.asset.domain.AssetType;
import io.converge.asset.domain.Criticality;
import io.converge.rest.DomainException;
import io.converge.asset.domain.SecurityZone;
import io.converge.asset.domain.ZoneReport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for IEC 62443 security zones (table security_zone) and the rows of the gap report. */
@ApplicationScoped
public class ZoneRepository {

    static final String COLUMNS = "z.id, z.name, z.description, z.site_id, z.sl_target, z.sl_achieved, z.version,"
            + " z.created_at, z.updated_at";
    static final String SELECT = "SELECT " + COLUMNS + " FROM security_zone z";

    /** Sortable fields of the zone list. */
    public static final Map<String, Keyset.Column<SecurityZone>> SORTABLE = Map.of(
            "name", new Keyset.Column<>("z.name", Keyset.Type.TEXT, SecurityZone::name),
            "slTarget", new Keyset.Column<>("z.sl_target::int", Keyset.Type.INT, SecurityZone::slTarget),
            "createdAt", new Keyset.Column<>("z.created_at", Keyset.Type.TIMESTAMP, SecurityZone::createdAt));

    /** Optional list filters; {@code belowTarget} keeps zones with SL-A under SL-T or not assessed. */
    public record Filter(UUID siteId, boolean belowTarget, String text) {

        void apply(SqlBuilder sql) {
            if (siteId != null) {
                sql.where("z.site_id = " + sql.param(siteId));
            }
            if (belowTarget) {
                sql.where("(z.sl_achieved IS NULL OR z.sl_achieved < z.sl_target)");
            }
            if (text != null && !text.isBlank()) {
                String like = sql.param("%" + Sql.escapeLike(text.trim()) + "%");
                sql.where("(z.name ILIKE " + like + " OR z.description ILIKE " + like + ")");
            }
        }
    }

    /** Writable fields, validated by the API layer. */
    public record Draft(String name, String description, UUID siteId, int slTarget, Integer slAchieved) {
    }

    private final Pool pool;

    public ZoneRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<SecurityZone> find(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE z.id = $1").execute(Tuple.of(id)).map(ZoneRepository::first);
    }

    /** The zone with its asset count. */
    public Uni<SecurityZone> findWithCount(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", (SELECT count(*) FROM asset a WHERE a.zone_id = z.id)"
                + " AS asset_count FROM security_zone z WHERE z.id = $1").execute(Tuple.of(id))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rs.iterator().next();
                    return map(r).withAssetCount(r.getLong("asset_count"));
                });
    }

    public Uni<SecurityZone> findForUpdate(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE z.id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(ZoneRepository::first);
    }

    /** Zones by id, locked against deletion for the rest of the transaction (conduit ends). */
    public Uni<Map<UUID, SecurityZone>> findForShare(SqlClient c, List<UUID> ids) {
        return c.preparedQuery(SELECT + " WHERE z.id = ANY($1) FOR SHARE").execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rs -> {
                    Map<UUID, SecurityZone> out = new java.util.HashMap<>();
                    rs.forEach(r -> out.put(r.getUUID("id"), map(r)));
                    return out;
                });
    }

    public Uni<Page<SecurityZone>> list(Filter filter, Keyset<SecurityZone> keyset, String cursor, int limit) {
        SqlBuilder sql = new SqlBuilder();
        filter.apply(sql);
        keyset.after(cursor, sql);
        String q = SELECT + sql.whereClause() + keyset.orderBy() + " LIMIT " + (limit + 1);
        return pool.preparedQuery(q).execute(sql.tuple()).map(rs -> keyset.page(mapAll(rs), limit));
    }

    public Uni<SecurityZone> insert(SqlClient c, UUID id, Draft d) {
        return c.preparedQuery("INSERT INTO security_zone (id, name, description, site_id, sl_target, sl_achieved)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING *")
                .execute(Tuple.from(Arrays.asList(id, d.name(), d.description(), d.siteId(), (short) d.slTarget(),
                        d.slAchieved() == null ? null : d.slAchieved().shortValue())))
                .map(ZoneRepository::first)
                .onFailure(ZoneRepository::unique).transform(e -> duplicate(d.name()));
    }

    public Uni<SecurityZone> update(SqlClient c, UUID id, Draft d) {
        return c.preparedQuery("UPDATE security_zone SET name = $2, description = $3, site_id = $4, sl_target = $5,"
                + " sl_achieved = $6, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *")
                .execute(Tuple.from(Arrays.asList(id, d.name(), d.description(), d.siteId(), (short) d.slTarget(),
                        d.slAchieved() == null ? null : d.slAchieved().shortValue())))
                .map(ZoneRepository::first)
                .onFailure(ZoneRepository::unique).transform(e -> duplicate(d.name()));
    }

    /** What still refers to the zone: assets and conduits; empty when it may be deleted. */
    public Uni<List<String>> references(SqlClient c, UUID id) {
        return c.preparedQuery("SELECT (SELECT count(*) FROM asset WHERE zone_id = $1) AS assets,"
                + " (SELECT count(*) FROM conduit WHERE from_zone_id = $1 OR to_zone_id = $1) AS conduits")
                .execute(Tuple.of(id)).map(rs -> {
                    Row r = rs.iterator().next();
                    List<String> out = new ArrayList<>();
                    Sql.count(out, r.getLong("assets"), "asset");
                    Sql.count(out, r.getLong("conduits"), "conduit");
                    return out;
                });
    }

    public Uni<Void> delete(SqlClient c, UUID id) {
        return c.preparedQuery("DELETE FROM security_zone WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Every zone (the report classifies them; zones number in the hundreds at most). */
    public Uni<List<SecurityZone>> all(SqlClient c) {
        return c.preparedQuery(SELECT + " ORDER BY z.name").execute().map(ZoneRepository::mapAll);
    }

    /** Count of assets in no zone and the first {@code limit}, most critical first, then by tag. */
    public Uni<ZoneReport.UnzonedAssets> unzonedAssets(SqlClient c, int limit) {
        return c.preparedQuery("SELECT count(*) AS n FROM asset WHERE zone_id IS NULL").execute()
                .map(rs -> rs.iterator().next().getLong("n"))
                .flatMap(count -> c.preparedQuery("SELECT id, tag, name, type, criticality FROM asset"
                        + " WHERE zone_id IS NULL ORDER BY criticality_rank DESC, tag ASC LIMIT $1")
                        .execute(Tuple.of(limit)).map(rs -> {
                            List<ZoneReport.UnzonedAsset> items = new ArrayList<>(rs.size());
                            rs.forEach(r -> items.add(new ZoneReport.UnzonedAsset(r.getUUID("id"), r.getString("tag"),
                                    r.getString("name"), AssetType.parse(r.getString("type")),
                                    Criticality.parse(r.getString("criticality")))));
                            return new ZoneReport.UnzonedAssets(count, List.copyOf(items));
                        }));
    }

    private static boolean unique(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static DomainException duplicate(String name) {
        return DomainException.conflict("a security zone named '" + name + "' already exists");
    }

    private static SecurityZone first(RowSet<Row> rs) {
        return rs.iterator().hasNext() ? map(rs.iterator().next()) : null;
    }

    static List<SecurityZone> mapAll(RowSet<Row> rs) {
        List<SecurityZone> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static SecurityZone map(Row r) {
        Short achieved = r.getShort("sl_achieved");
        return new SecurityZone(r.getUUID("id"), r.getString("name"), r.getString("description"),
                r.getUUID("site_id"), r.getShort("sl_target"), achieved == null ? null : achieved.intValue(),
                r.getLong("version"), HierarchyRepository.instant(r.getOffsetDateTime("created_at")),
                HierarchyRepository.instant(r.getOffsetDateTime("updated_at")), null);
    }
}
