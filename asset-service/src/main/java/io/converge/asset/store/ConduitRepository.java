package io.converge.asset.store;

import io.converge.asset.domain.Conduit;
import io.converge.rest.DomainException;
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

/** SQL for IEC 62443 conduits (table conduit). */
@ApplicationScoped
public class ConduitRepository {

    static final String SELECT = "SELECT c.id, c.name, c.description, c.from_zone_id, c.to_zone_id, c.protocols,"
            + " c.sl_target, c.version, c.created_at, c.updated_at FROM conduit c";

    /** Sortable fields of the conduit list. */
    public static final Map<String, Keyset.Column<Conduit>> SORTABLE = Map.of(
            "name", new Keyset.Column<>("c.name", Keyset.Type.TEXT, Conduit::name),
            "createdAt", new Keyset.Column<>("c.created_at", Keyset.Type.TIMESTAMP, Conduit::createdAt));

    /** Writable fields, validated by the API layer. */
    public record Draft(String name, String description, UUID fromZoneId, UUID toZoneId, List<String> protocols,
            Integer slTarget) {
    }

    private final Pool pool;

    public ConduitRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Conduit> find(UUID id) {
        return pool.preparedQuery(SELECT + " WHERE c.id = $1").execute(Tuple.of(id)).map(ConduitRepository::first);
    }

    public Uni<Conduit> findForUpdate(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE c.id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(ConduitRepository::first);
    }

    /** Conduits touching the zone at either end (or all when {@code zoneId} is null). */
    public Uni<Page<Conduit>> list(UUID zoneId, Keyset<Conduit> keyset, String cursor, int limit) {
        SqlBuilder sql = new SqlBuilder();
        if (zoneId != null) {
            String p = sql.param(zoneId);
            sql.where("(c.from_zone_id = " + p + " OR c.to_zone_id = " + p + ")");
        }
        keyset.after(cursor, sql);
        String q = SELECT + sql.whereClause() + keyset.orderBy() + " LIMIT " + (limit + 1);
        return pool.preparedQuery(q).execute(sql.tuple()).map(rs -> keyset.page(mapAll(rs), limit));
    }

    /** Conduits with a target level (the report compares them with their end zones). */
    public Uni<List<Conduit>> withTarget(SqlClient c) {
        return c.preparedQuery(SELECT + " WHERE c.sl_target IS NOT NULL ORDER BY c.name").execute()
                .map(ConduitRepository::mapAll);
    }

    public Uni<Conduit> insert(SqlClient c, UUID id, Draft d) {
        return c.preparedQuery("INSERT INTO conduit (id, name, description, from_zone_id, to_zone_id, protocols,"
                + " sl_target) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *")
                .execute(params(id, d)).map(ConduitRepository::first)
                .onFailure(ConduitRepository::unique).transform(e -> duplicate(d.name()));
    }

    public Uni<Conduit> update(SqlClient c, UUID id, Draft d) {
        return c.preparedQuery("UPDATE conduit SET name = $2, description = $3, from_zone_id = $4, to_zone_id = $5,"
                + " protocols = $6, sl_target = $7, version = version + 1, updated_at = now() WHERE id = $1"
                + " RETURNING *").execute(params(id, d)).map(ConduitRepository::first)
                .onFailure(ConduitRepository::unique).transform(e -> duplicate(d.name()));
    }

    public Uni<Void> delete(SqlClient c, UUID id) {
        return c.preparedQuery("DELETE FROM conduit WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static Tuple params(UUID id, Draft d) {
        return Tuple.from(Arrays.asList(id, d.name(), d.description(), d.fromZoneId(), d.toZoneId(),
                d.protocols().toArray(String[]::new), d.slTarget() == null ? null : d.slTarget().shortValue()));
    }

    private static boolean unique(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static DomainException duplicate(String name) {
        return DomainException.conflict("a conduit named '" + name + "' already exists");
    }

    private static Conduit first(RowSet<Row> rs) {
        return rs.iterator().hasNext() ? map(rs.iterator().next()) : null;
    }

    static List<Conduit> mapAll(RowSet<Row> rs) {
        List<Conduit> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static Conduit map(Row r) {
        String[] protocols = r.getArrayOfStrings("protocols");
        Short target = r.getShort("sl_target");
        return new Conduit(r.getUUID("id"), r.getString("name"), r.getString("description"),
                r.getUUID("from_zone_id"), r.getUUID("to_zone_id"), protocols == null ? List.of() : List.of(protocols),
                target == null ? null : target.intValue(), r.getLong("version"),
                HierarchyRepository.instant(r.getOffsetDateTime("created_at")),
                HierarchyRepository.instant(r.getOffsetDateTime("updated_at")));
    }
}
