package io.converge.security.domain;

import java.util.Set;

/**
 * The fields a rule may name: the OCSF attributes the normalizers produce, the context fields the enricher adds, and
 * anything under {@code unmapped.} (source-specific data kept as is). A rule naming any other field is refused (422):
 * a misspelt field would otherwise never match and fail silently.
 */
public final class RuleFields {

    public static final Set<String> OCSF = Set.of(
            "class_uid", "class_name", "category_uid", "category_name", "activity_id", "activity_name", "type_uid",
            "severity_id", "severity", "time", "status", "status_id", "status_detail", "message", "count",
            "disposition", "disposition_id", "auth_protocol", "is_remote", "logon_type", "logon_type_id",
            "raw_data", "start_time",
            "actor.user.name", "actor.user.uid", "actor.user.type", "actor.process.name", "user.name", "user.uid",
            "device.uid", "device.name", "device.hostname", "device.ip", "device.type", "device.vendor_name",
            "device.model",
            "src_endpoint.ip", "src_endpoint.port", "src_endpoint.hostname", "src_endpoint.name",
            "dst_endpoint.ip", "dst_endpoint.port", "dst_endpoint.hostname", "dst_endpoint.name",
            "dst_endpoint.type", "connection_info.protocol_name", "service.name",
            "finding_info.title", "finding_info.types", "finding_info.uid",
            "api.operation", "http_request.url.path", "http_request.http_method", "file.name", "file.path",
            "process.name", "process.cmd_line",
            "metadata.product.name", "metadata.product.vendor_name", "metadata.product.feature.name",
            "metadata.log_name", "metadata.log_provider");

    /** Context the enricher adds from the asset registry view, zones and conduits, windows and campaigns. */
    public static final Set<String> CONTEXT = Set.of(
            "asset.id", "asset.tag", "asset.type", "asset.domain", "asset.criticality", "asset.status",
            "asset.site_id", "asset.line_id", "asset.zone_id", "asset.zone.name", "asset.zone.sl_t",
            "src_asset.id", "src_asset.tag", "src_asset.type", "src_asset.domain", "src_asset.zone_id",
            "src_asset.zone.sl_t", "dst_asset.id", "dst_asset.tag", "dst_asset.type", "dst_asset.domain",
            "dst_asset.criticality", "dst_asset.status", "dst_asset.zone_id", "dst_asset.zone.name",
            "dst_asset.zone.sl_t", "conduit.declared", "site.in_maintenance_window", "campaign.covering");

    public static final String UNMAPPED_PREFIX = "unmapped.";

    private RuleFields() {
    }

    public static boolean known(String field) {
        return OCSF.contains(field) || CONTEXT.contains(field)
                || field.startsWith(UNMAPPED_PREFIX) && field.length() > UNMAPPED_PREFIX.length();
    }
}
