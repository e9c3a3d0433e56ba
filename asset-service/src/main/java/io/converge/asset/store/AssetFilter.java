package io.converge.asset.store;

import io.converge.asset.domain.AssetDomain;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.domain.AssetType;
import io.converge.asset.domain.Criticality;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * List filters; every field is optional, list fields match any of their values, labels must all match.
 *
 * @param node any hierarchy node: the asset sits in it or below it (site, area, line or cell)
 */
public record AssetFilter(
        UUID site,
        UUID line,
        UUID node,
        List<AssetType> types,
        AssetDomain domain,
        UUID zone,
        List<AssetStatus> statuses,
        List<Criticality> criticalities,
        String firmwareVersion,
        Map<String, String> labels,
        String text) {

    public static final AssetFilter NONE = new AssetFilter(null, null, null, List.of(), null, null, List.of(),
            List.of(), null, Map.of(), null);

    void apply(SqlBuilder sql) {
        if (site != null) {
            sql.where("n.path @> ARRAY[" + sql.param(site) + "::uuid]");
        }
        if (line != null) {
            sql.where("n.path @> ARRAY[" + sql.param(line) + "::uuid]");
        }
        if (node != null) {
            sql.where("n.path @> ARRAY[" + sql.param(node) + "::uuid]");
        }
        if (!types.isEmpty()) {
            sql.where("a.type = ANY(" + sql.param(types.stream().map(Object::toString).toArray(String[]::new)) + ")");
        }
        if (domain != null) {
            sql.where("a.domain = " + sql.param(domain.name()));
        }
        if (zone != null) {
            sql.where("a.zone_id = " + sql.param(zone));
        }
        if (!statuses.isEmpty()) {
            sql.where("a.status = ANY(" + sql.param(statuses.stream().map(Object::toString).toArray(String[]::new))
                    + ")");
        }
        if (!criticalities.isEmpty()) {
            sql.where("a.criticality = ANY(" + sql.param(criticalities.stream().map(Object::toString)
                    .toArray(String[]::new)) + ")");
        }
        if (firmwareVersion != null) {
            sql.where("a.firmware_version = " + sql.param(firmwareVersion));
        }
        if (!labels.isEmpty()) {
            sql.where("a.labels @> " + sql.param(new io.vertx.core.json.JsonObject(Map.copyOf(labels)).encode())
                    + "::text::jsonb");
        }
        if (text != null && !text.isBlank()) {
            String like = sql.param("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.where("(a.name ILIKE " + like + " OR lower(a.tag) LIKE lower(" + like + "))");
        }
    }
}
