package io.converge.asset.store;

import io.converge.rest.DomainException;
import io.converge.asset.domain.Hierarchy;
import io.converge.asset.domain.HierarchyNode;
import io.converge.asset.domain.NodeLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for the ISA-95 hierarchy (table hierarchy_node). Writes take the connection of the caller's transaction. */
@ApplicationScoped
public class HierarchyRepository {

    static final String SELECT = "SELECT n.id, n.level, n.code, n.name, n.description, n.parent_id, n.site_id,"
            + " n.line_id, n.path, n.version, n.created_at, n.updated_at FROM hierarchy_node n";

    /** Level rank for sorting top-down (enterprise first). */
    private static final String LEVEL_RANK =
            "array_position(ARRAY['enterprise','site','area','line','cell']::text[], n.level)";

    /** Sortable fields of the node list. */
    public static final Map<String, Keyset.Column<HierarchyNode>> SORTABLE = Map.of(
            "name", new Keyset.Column<>("n.name", Keyset.Type.TEXT, HierarchyNode::name),
            "code", new Keyset.Column<>("n.code", Keyset.Type.TEXT, HierarchyNode::code),
            "level", new Keyset.Column<>(LEVEL_RANK, Keyset.Type.INT, n -> n.level().ordinal() + 1),
            "createdAt", new Keyset.Column<>("n.created_at", Keyset.Type.TIMESTAMP, HierarchyNode::createdAt));

    /** Optional list filters. */
    public record Filter(NodeLevel level, UUID parentId, String text) {

        void apply(SqlBuilder sql) {
            if (level != null) {
                sql.where("n.level = " + sql.param(level.value()));
            }
            if (parentId != null) {
                sql.where("n.parent_id = " + sql.param(parentId));
            }
            if (text != null && !text.isBlank()) {
                String like = sql.param("%" + Sql.escapeLike(text.trim()) + "%");
                sql.where("(n.name ILIKE " + like + " OR n.code ILIKE " + like + ")");
            }
        }
    }

    private final Pool pool;

    public HierarchyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<HierarchyNode> find(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE n.id = $1").execute(Tuple.of(id)).map(HierarchyRepository::first);
    }

    public Uni<HierarchyNode> find(UUID id) {
        return find(pool, id);
    }

    /** Reads the node and locks it against concurrent change for the rest of the transaction. */
    public Uni<HierarchyNode> findForUpdate(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE n.id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(HierarchyRepository::first);
    }

    /** Reads the node and keeps it from being deleted while the transaction adds a child. */
    public Uni<HierarchyNode> findForShare(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE n.id = $1 FOR SHARE").execute(Tuple.of(id))
                .map(HierarchyRepository::first);
    }

    public Uni<HierarchyNode> findByCode(String code) {
        return pool.preparedQuery(SELECT + " WHERE n.code = $1").execute(Tuple.of(code))
                .map(HierarchyRepository::first);
    }

    public Uni<Page<HierarchyNode>> list(Filter filter, Keyset<HierarchyNode> keyset, String cursor, int limit) {
        SqlBuilder sql = new SqlBuilder();
        filter.apply(sql);
        keyset.after(cursor, sql);
        String q = SELECT + sql.whereClause() + keyset.orderBy() + " LIMIT " + (limit + 1);
        return pool.preparedQuery(q).execute(sql.tuple()).map(rs -> keyset.page(mapAll(rs), limit));
    }

    /** The node, every node below it, and the number of assets placed directly in each. */
    public Uni<Hierarchy.TreeNode> subtree(UUID id) {
        return pool.withTransaction(c -> c.preparedQuery(SELECT + " WHERE n.path @> ARRAY[$1::uuid]")
                .execute(Tuple.of(id)).map(HierarchyRepository::mapAll)
                .flatMap(nodes -> {
                    if (nodes.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    UUID[] ids = nodes.stream().map(HierarchyNode::id).toArray(UUID[]::new);
                    return c.preparedQuery("SELECT node_id, count(*) AS n FROM asset WHERE node_id = ANY($1)"
                            + " GROUP BY node_id").execute(Tuple.of(ids)).map(rs -> {
                                Map<UUID, Long> counts = new HashMap<>();
                                rs.forEach(r -> counts.put(r.getUUID("node_id"), r.getLong("n")));
                                return Hierarchy.tree(id, nodes, counts);
                            });
                }));
    }

    /** Inserts the node; a duplicate code is a 409 with a clear message. */
    public Uni<HierarchyNode> insert(SqlClient c, UUID id, NodeLevel level, String code, String name,
            String description, UUID parentId, Hierarchy.Derived d) {
        return c.preparedQuery("INSERT INTO hierarchy_node (id, level, code, name, description, parent_id, path,"
                + " site_id, line_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *")
                .execute(Tuple.from(Arrays.asList(id, level.value(), code, name, description, parentId,
                        d.path().toArray(UUID[]::new), d.siteId(), d.lineId())))
                .map(HierarchyRepository::first)
                .onFailure(HierarchyRepository::duplicateCode).transform(e -> duplicate(code));
    }

    /** Changes the editable fields and bumps the version; the caller holds the row lock. */
    public Uni<HierarchyNode> update(SqlClient c, UUID id, String code, String name, String description) {
        return c.preparedQuery("UPDATE hierarchy_node SET code = $2, name = $3, description = $4,"
                + " version = version + 1, updated_at = now() WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id, code, name, description)).map(HierarchyRepository::first)
                .onFailure(HierarchyRepository::duplicateCode).transform(e -> duplicate(code));
    }

    /** What still refers to the node: child nodes, assets, zones; empty when it may be deleted. */
    public Uni<List<String>> references(SqlClient c, UUID id) {
        return c.preparedQuery("SELECT (SELECT count(*) FROM hierarchy_node WHERE parent_id = $1) AS children,"
                + " (SELECT count(*) FROM asset WHERE node_id = $1) AS assets,"
                + " (SELECT count(*) FROM security_zone WHERE site_id = $1) AS zones").execute(Tuple.of(id))
                .map(rs -> {
                    Row r = rs.iterator().next();
                    List<String> out = new ArrayList<>();
                    Sql.count(out, r.getLong("children"), "child node");
                    Sql.count(out, r.getLong("assets"), "asset");
                    Sql.count(out, r.getLong("zones"), "security zone");
                    return out;
                });
    }

    public Uni<Void> delete(SqlClient c, UUID id) {
        return c.preparedQuery("DELETE FROM hierarchy_node WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static boolean duplicateCode(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static DomainException duplicate(String code) {
        return DomainException.conflict("a hierarchy node with code '" + code + "' already exists");
    }

    private static HierarchyNode first(RowSet<Row> rs) {
        return rs.iterator().hasNext() ? map(rs.iterator().next()) : null;
    }

    static List<HierarchyNode> mapAll(RowSet<Row> rs) {
        List<HierarchyNode> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static HierarchyNode map(Row r) {
        UUID[] path = r.getArrayOfUUIDs("path");
        return new HierarchyNode(r.getUUID("id"), NodeLevel.parse(r.getString("level")), r.getString("code"),
                r.getString("name"), r.getString("description"), r.getUUID("parent_id"), r.getUUID("site_id"),
                r.getUUID("line_id"), path == null ? List.of() : List.of(path), r.getLong("version"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
