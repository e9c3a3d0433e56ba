package io.converge.asset.store;

import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDraft;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Set-based SQL for bulk import and export: one statement per chunk ({@code INSERT ... SELECT FROM unnest(...)},
 * {@code UPDATE ... FROM unnest(...)}) instead of one per row, and bulk look-ups of hierarchy codes and zone names.
 */
@ApplicationScoped
public class AssetBulkRepository {

    /** Hierarchy nodes and zones found by code/name or id. */
    public record References(Map<String, UUID> nodesByCode, Set<UUID> nodeIds, Map<String, UUID> zonesByName,
            Set<UUID> zoneIds) {
    }

    /** Codes of hierarchy nodes and names of zones by id (export). */
    public record Names(Map<UUID, String> nodeCodes, Map<UUID, String> zoneNames) {
    }

    private static final String UNNEST = " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
            + " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::uuid[], $13::text[],"
            + " $14::text[], $15::text[], $16::text[]) AS u(id, tag, name, domain, type, vendor, model, serial_number,"
            + " ip, mac, node_id, zone_id, criticality, firmware_version, status, labels)";

    /** The written rows read back through the CTE (a data-modifying CTE's rows are only visible via RETURNING). */
    private static final String SELECT_WRITTEN = selectFrom("w");

    private static final String INSERT = "WITH w AS (INSERT INTO asset (id, tag, name, domain, type, vendor, model,"
            + " serial_number, ip_address, mac_address, node_id, zone_id, criticality, firmware_version, status,"
            + " labels) SELECT u.id, u.tag, u.name, u.domain, u.type, u.vendor, u.model, u.serial_number, u.ip::inet,"
            + " u.mac::macaddr, u.node_id, u.zone_id, u.criticality, u.firmware_version, u.status, u.labels::jsonb"
            + UNNEST + " RETURNING *) " + SELECT_WRITTEN;

    private static final String UPDATE = "WITH w AS (UPDATE asset x SET tag = u.tag, name = u.name,"
            + " domain = u.domain, type = u.type, vendor = u.vendor, model = u.model,"
            + " serial_number = u.serial_number, ip_address = u.ip::inet, mac_address = u.mac::macaddr,"
            + " node_id = u.node_id, zone_id = u.zone_id, criticality = u.criticality,"
            + " firmware_version = u.firmware_version, status = u.status, labels = u.labels::jsonb,"
            + " version = x.version + 1, updated_at = now()" + UNNEST + " WHERE x.id = u.id RETURNING x.*) "
            + SELECT_WRITTEN;

    private final Pool pool;

    public AssetBulkRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the drafts with the given ids; returns the new assets (any order). */
    public Uni<List<Asset>> insertAll(SqlClient c, List<UUID> ids, List<AssetDraft> drafts) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery(INSERT).execute(arrays(ids, drafts)).map(AssetRepository::mapAll);
    }

    /**
     * Writes the drafts over the rows with the given ids (version + 1, updated_at now); the caller holds the row locks.
     * Returns the updated assets (any order).
     */
    public Uni<List<Asset>> updateAll(SqlClient c, List<UUID> ids, List<AssetDraft> drafts) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery(UPDATE).execute(arrays(ids, drafts)).map(AssetRepository::mapAll);
    }

    /** One query for all references an import names: nodes by code or id, zones by name or id. */
    public Uni<References> references(SqlClient c, Collection<String> codes, Collection<UUID> nodeIds,
            Collection<String> zoneNames, Collection<UUID> zoneIds) {
        References out = new References(new HashMap<>(), new HashSet<>(), new HashMap<>(), new HashSet<>());
        if (codes.isEmpty() && nodeIds.isEmpty() && zoneNames.isEmpty() && zoneIds.isEmpty()) {
            return Uni.createFrom().item(out);
        }
        return c.preparedQuery("SELECT 'n' AS kind, id, code AS key FROM hierarchy_node"
                + " WHERE code = ANY($1) OR id = ANY($2)"
                + " UNION ALL SELECT 'z', id, name FROM security_zone WHERE name = ANY($3) OR id = ANY($4)")
                .execute(Tuple.of(codes.toArray(String[]::new), nodeIds.toArray(UUID[]::new),
                        zoneNames.toArray(String[]::new), zoneIds.toArray(UUID[]::new)))
                .map(rs -> {
                    for (Row r : rs) {
                        UUID id = r.getUUID("id");
                        if ("n".equals(r.getString("kind"))) {
                            out.nodesByCode().put(r.getString("key"), id);
                            out.nodeIds().add(id);
                        } else {
                            out.zonesByName().put(r.getString("key"), id);
                            out.zoneIds().add(id);
                        }
                    }
                    return out;
                });
    }

    /** Node codes and zone names of the given ids (export resolves them page by page). */
    public Uni<Names> names(Collection<UUID> nodeIds, Collection<UUID> zoneIds) {
        Names out = new Names(new HashMap<>(), new HashMap<>());
        if (nodeIds.isEmpty() && zoneIds.isEmpty()) {
            return Uni.createFrom().item(out);
        }
        return pool.preparedQuery("SELECT 'n' AS kind, id, code AS key FROM hierarchy_node WHERE id = ANY($1)"
                + " UNION ALL SELECT 'z', id, name FROM security_zone WHERE id = ANY($2)")
                .execute(Tuple.of(nodeIds.toArray(UUID[]::new), zoneIds.toArray(UUID[]::new)))
                .map(rs -> {
                    for (Row r : rs) {
                        ("n".equals(r.getString("kind")) ? out.nodeCodes() : out.zoneNames())
                                .put(r.getUUID("id"), r.getString("key"));
                    }
                    return out;
                });
    }

    private static Tuple arrays(List<UUID> ids, List<AssetDraft> drafts) {
        int n = drafts.size();
        String[] tag = new String[n];
        String[] name = new String[n];
        String[] domain = new String[n];
        String[] type = new String[n];
        String[] vendor = new String[n];
        String[] model = new String[n];
        String[] serial = new String[n];
        String[] ip = new String[n];
        String[] mac = new String[n];
        UUID[] node = new UUID[n];
        UUID[] zone = new UUID[n];
        String[] criticality = new String[n];
        String[] firmware = new String[n];
        String[] status = new String[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            AssetDraft d = drafts.get(i);
            tag[i] = d.tag();
            name[i] = d.name();
            domain[i] = d.domain().name();
            type[i] = d.type().toString();
            vendor[i] = d.vendor();
            model[i] = d.model();
            serial[i] = d.serialNumber();
            ip[i] = d.ipAddress();
            mac[i] = d.macAddress();
            node[i] = d.nodeId();
            zone[i] = d.zoneId();
            criticality[i] = d.criticality().toString();
            firmware[i] = d.firmwareVersion();
            status[i] = d.status().toString();
            labels[i] = new JsonObject(Map.copyOf(d.labels())).encode();
        }
        return Tuple.from(List.<Object>of(ids.toArray(UUID[]::new), tag, name, domain, type, vendor, model, serial, ip,
                mac, node, zone, criticality, firmware, status, labels));
    }

    /** AssetRepository's row shape, read from another relation (kept in step with it: same columns, same mapper). */
    private static String selectFrom(String relation) {
        String from = " FROM asset a ";
        if (!AssetRepository.SELECT.contains(from)) {
            throw new IllegalStateException("AssetRepository.SELECT no longer reads 'FROM asset a'");
        }
        return AssetRepository.SELECT.replace(from, " FROM " + relation + " a ");
    }
}
