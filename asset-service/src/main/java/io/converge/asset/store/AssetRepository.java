package io.converge.asset.store;

import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDomain;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.domain.AssetType;
import io.converge.asset.domain.Criticality;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** SQL for assets (reactive PostgreSQL client). Writes take the connection of the caller's transaction. */
@ApplicationScoped
public class AssetRepository {

    static final String SELECT = "SELECT a.id, a.tag, a.name, a.domain, a.type, a.vendor, a.model, a.serial_number,"
            + " host(a.ip_address) AS ip, a.mac_address::text AS mac, a.node_id, n.site_id, n.line_id, a.zone_id,"
            + " a.criticality, a.firmware_version, a.status, a.labels, a.version, a.created_at, a.updated_at"
            + " FROM asset a LEFT JOIN hierarchy_node n ON n.id = a.node_id";

    /** Sortable fields of the asset list. */
    public static final Map<String, Keyset.Column<Asset>> SORTABLE = Map.of(
            "tag", new Keyset.Column<>("a.tag", Keyset.Type.TEXT, Asset::tag),
            "name", new Keyset.Column<>("a.name", Keyset.Type.TEXT, Asset::name),
            "type", new Keyset.Column<>("a.type", Keyset.Type.TEXT, a -> a.type().toString()),
            "status", new Keyset.Column<>("a.status", Keyset.Type.TEXT, a -> a.status().toString()),
            "criticality", new Keyset.Column<>("a.criticality_rank", Keyset.Type.INT,
                    a -> a.criticality().ordinal() + 1),
            "firmwareVersion", new Keyset.Column<>("coalesce(a.firmware_version, '')", Keyset.Type.TEXT,
                    a -> a.firmwareVersion() == null ? "" : a.firmwareVersion()),
            "createdAt", new Keyset.Column<>("a.created_at", Keyset.Type.TIMESTAMP, Asset::createdAt),
            "updatedAt", new Keyset.Column<>("a.updated_at", Keyset.Type.TIMESTAMP, Asset::updatedAt));

    private final Pool pool;

    public AssetRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Asset> find(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE a.id = $1").execute(Tuple.of(id))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    public Uni<Asset> find(UUID id) {
        return find(pool, id);
    }

    /** Locks the row for the rest of the transaction. */
    public Uni<Asset> findForUpdate(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + " WHERE a.id = $1 FOR UPDATE OF a").execute(Tuple.of(id))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    public Uni<Asset> findByTag(String tag) {
        return pool.preparedQuery(SELECT + " WHERE a.tag = $1").execute(Tuple.of(tag))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    /** Assets with these tags (locked when {@code lock}); used by batch resolve and import. */
    public Uni<List<Asset>> findByTags(SqlClient c, List<String> tags, boolean lock) {
        return c.preparedQuery(SELECT + " WHERE a.tag = ANY($1)" + (lock ? " FOR UPDATE OF a" : ""))
                .execute(Tuple.of(tags.toArray(String[]::new))).map(AssetRepository::mapAll);
    }

    public Uni<List<Asset>> findByTags(List<String> tags) {
        return findByTags(pool, tags, false);
    }

    public Uni<Page<Asset>> list(AssetFilter filter, Keyset<Asset> keyset, String cursor, int limit) {
        SqlBuilder sql = new SqlBuilder();
        filter.apply(sql);
        keyset.after(cursor, sql);
        String q = SELECT + sql.whereClause() + keyset.orderBy() + " LIMIT " + (limit + 1);
        return pool.preparedQuery(q).execute(sql.tuple()).map(rs -> keyset.page(mapAll(rs), limit));
    }

    public Uni<Void> insert(SqlClient c, UUID id, AssetDraft d) {
        return c.preparedQuery("INSERT INTO asset (id, tag, name, domain, type, vendor, model, serial_number,"
                + " ip_address, mac_address, node_id, zone_id, criticality, firmware_version, status, labels)"
                + " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::text::inet,$10::text::macaddr,$11,$12,$13,$14,$15,$16::text::jsonb)")
                .execute(params(id, d)).replaceWithVoid();
    }

    /** Writes the draft over the row; the caller has checked the version under a row lock. */
    public Uni<Void> update(SqlClient c, UUID id, AssetDraft d) {
        return c.preparedQuery("UPDATE asset SET tag=$2, name=$3, domain=$4, type=$5, vendor=$6, model=$7,"
                + " serial_number=$8, ip_address=$9::text::inet, mac_address=$10::text::macaddr, node_id=$11, zone_id=$12,"
                + " criticality=$13, firmware_version=$14, status=$15, labels=$16::text::jsonb, version=version+1,"
                + " updated_at=now() WHERE id=$1").execute(params(id, d)).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient c, UUID id) {
        return c.preparedQuery("DELETE FROM asset WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static Tuple params(UUID id, AssetDraft d) {
        List<Object> v = new ArrayList<>(16);
        v.add(id);
        v.add(d.tag());
        v.add(d.name());
        v.add(d.domain().name());
        v.add(d.type().toString());
        v.add(d.vendor());
        v.add(d.model());
        v.add(d.serialNumber());
        v.add(d.ipAddress());
        v.add(d.macAddress());
        v.add(d.nodeId());
        v.add(d.zoneId());
        v.add(d.criticality().toString());
        v.add(d.firmwareVersion());
        v.add(d.status().toString());
        v.add(new JsonObject(Map.copyOf(d.labels())).encode());
        return Tuple.from(v);
    }

    static List<Asset> mapAll(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        List<Asset> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static Asset map(Row r) {
        JsonObject labels = r.getJsonObject("labels");
        Map<String, String> l = new TreeMap<>();
        if (labels != null) {
            labels.forEach(e -> l.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new Asset(r.getUUID("id"), r.getString("tag"), r.getString("name"),
                AssetDomain.valueOf(r.getString("domain")), AssetType.parse(r.getString("type")),
                r.getString("vendor"), r.getString("model"), r.getString("serial_number"), r.getString("ip"),
                r.getString("mac"), r.getUUID("node_id"), r.getUUID("site_id"), r.getUUID("line_id"),
                r.getUUID("zone_id"), Criticality.parse(r.getString("criticality")), r.getString("firmware_version"),
                AssetStatus.parse(r.getString("status")), l, r.getLong("version"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
