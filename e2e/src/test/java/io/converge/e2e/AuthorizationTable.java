package io.converge.e2e;

import static io.converge.e2e.Principal.ANALYSING;
import static io.converge.e2e.Principal.ANYONE;
import static io.converge.e2e.Principal.APPROVING;
import static io.converge.e2e.Principal.DEVICES;
import static io.converge.e2e.Principal.ENGINEERING;
import static io.converge.e2e.Principal.OPERATE;
import static io.converge.e2e.Principal.READ;
import static io.converge.e2e.Principal.union;

import java.util.List;
import java.util.Set;

/**
 * The authorization matrix's rows: every REST operation of the five services (the test fails when one of their OpenAPI
 * documents lists an operation that has no row here, or a row names one that does not exist) and the endpoints that
 * are open by design. Who may do what follows DESIGN.md "Security"; the notes in README.md explain the choices.
 */
final class AuthorizationTable {

    static final String ASSET = "asset";
    static final String TELEMETRY = "telemetry";
    static final String KPI = "kpi";
    static final String PATCH = "patch";
    static final String SECURITY = "security";
    static final String EVERY = "every service";
    static final String GATEWAY = "gateway";

    /** A fixed day, so that the printed table is the same every run. */
    private static final String RANGE = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
    private static final String IF_MATCH = "If-Match";

    private AuthorizationTable() {
    }

    private static MatrixRow get(String service, String path, Set<Principal> allowed, int answer) {
        return new MatrixRow(service, "GET", path, allowed, answer);
    }

    private static MatrixRow post(String service, String path, Set<Principal> allowed, int answer) {
        return new MatrixRow(service, "POST", path, allowed, answer);
    }

    private static MatrixRow put(String service, String path, Set<Principal> allowed, int answer) {
        return new MatrixRow(service, "PUT", path, allowed, answer);
    }

    private static MatrixRow delete(String service, String path, Set<Principal> allowed, int answer) {
        return new MatrixRow(service, "DELETE", path, allowed, answer);
    }

    static final List<MatrixRow> ROWS = List.of(
            // open by design (DESIGN.md): probes and scrapers call the services directly; the gateway routes none
            get(EVERY, "/q/health", ANYONE, 200).onEachService(),
            get(EVERY, "/q/health/live", ANYONE, 200).onEachService(),
            get(EVERY, "/q/health/ready", ANYONE, 200).onEachService(),
            get(EVERY, "/q/metrics", ANYONE, 200).onEachService(),
            get(EVERY, "/q/openapi", ANYONE, 200).onEachService(),
            get(GATEWAY, "/gateway/health", ANYONE, 200),

            get(ASSET, "/api/v1/assets", READ, 200).query("limit=1"),
            post(ASSET, "/api/v1/assets", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/assets/by-tag/{tag}", READ, 404),
            get(ASSET, "/api/v1/assets/export", READ, 200).query("site={id}"),
            post(ASSET, "/api/v1/assets/import", ENGINEERING, 200).query("dryRun=true").json("[]"),
            post(ASSET, "/api/v1/assets/resolve", READ, 400).json("{}"),
            get(ASSET, "/api/v1/assets/whoami", READ, 200),
            put(ASSET, "/api/v1/assets/{id}", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/assets/{id}", READ, 404),
            delete(ASSET, "/api/v1/assets/{id}", ENGINEERING, 404),
            get(ASSET, "/api/v1/assets/{id}/audit", READ, 200),
            post(ASSET, "/api/v1/assets/{id}/status", union(ENGINEERING, ANALYSING), 400).json("{}"),
            get(ASSET, "/api/v1/sites", READ, 200).query("limit=1"),
            post(ASSET, "/api/v1/sites", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/sites/by-code/{code}", READ, 404),
            put(ASSET, "/api/v1/sites/{id}", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/sites/{id}", READ, 404),
            delete(ASSET, "/api/v1/sites/{id}", ENGINEERING, 404),
            get(ASSET, "/api/v1/sites/{id}/tree", READ, 404),
            get(ASSET, "/api/v1/zones", READ, 200).query("limit=1"),
            post(ASSET, "/api/v1/zones", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/zones/conduits", READ, 200).query("limit=1"),
            post(ASSET, "/api/v1/zones/conduits", ENGINEERING, 400).json("{}"),
            put(ASSET, "/api/v1/zones/conduits/{id}", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/zones/conduits/{id}", READ, 404),
            delete(ASSET, "/api/v1/zones/conduits/{id}", ENGINEERING, 404),
            get(ASSET, "/api/v1/zones/report", READ, 200),
            put(ASSET, "/api/v1/zones/{id}", ENGINEERING, 400).json("{}"),
            get(ASSET, "/api/v1/zones/{id}", READ, 404),
            delete(ASSET, "/api/v1/zones/{id}", ENGINEERING, 404),

            get(TELEMETRY, "/api/v1/telemetry/latest", READ, 404).query("asset=AUTHZ-UNKNOWN-TAG"),
            post(TELEMETRY, "/api/v1/telemetry/points", union(DEVICES, ENGINEERING), 400).json("[]"),
            get(TELEMETRY, "/api/v1/telemetry/series", READ, 404).query("asset=AUTHZ-UNKNOWN-TAG&metric=authz.unknown"),
            get(TELEMETRY, "/api/v1/telemetry/stream", READ, 404).query("asset=AUTHZ-UNKNOWN-TAG"),

            get(KPI, "/api/v1/kpis/alarm-rules", READ, 200),
            post(KPI, "/api/v1/kpis/alarm-rules", ENGINEERING, 400).json("{}"),
            put(KPI, "/api/v1/kpis/alarm-rules/{id}", ENGINEERING, 400).json("{}"),
            get(KPI, "/api/v1/kpis/alarm-rules/{id}", READ, 404),
            delete(KPI, "/api/v1/kpis/alarm-rules/{id}", ENGINEERING, 404),
            get(KPI, "/api/v1/kpis/alarms", READ, 200).query("limit=1"),
            get(KPI, "/api/v1/kpis/alarms/stream", READ, 200).stream(),
            get(KPI, "/api/v1/kpis/alarms/{id}", READ, 404),
            post(KPI, "/api/v1/kpis/alarms/{id}/acknowledge", OPERATE, 404),
            get(KPI, "/api/v1/kpis/bindings", READ, 200),
            put(KPI, "/api/v1/kpis/bindings/{scope}", ENGINEERING, 400).json("{}"),
            get(KPI, "/api/v1/kpis/bindings/{scope}", READ, 404),
            delete(KPI, "/api/v1/kpis/bindings/{scope}", ENGINEERING, 404),
            put(KPI, "/api/v1/kpis/calendars/{site}", ENGINEERING, 400).json("{}"),
            get(KPI, "/api/v1/kpis/calendars/{site}", READ, 404),
            get(KPI, "/api/v1/kpis/calendars/{site}/planned-busy", READ, 404).query(RANGE),
            get(KPI, "/api/v1/kpis/conditions", READ, 200),
            put(KPI, "/api/v1/kpis/conditions/{asset}/{metric}", ENGINEERING, 400).json("{}"),
            get(KPI, "/api/v1/kpis/conditions/{asset}/{metric}", READ, 404),
            delete(KPI, "/api/v1/kpis/conditions/{asset}/{metric}", ENGINEERING, 404),
            get(KPI, "/api/v1/kpis/energy", READ, 404).query("scope=line:{id}&" + RANGE),
            get(KPI, "/api/v1/kpis/losses", READ, 404).query("scope=line:{id}&" + RANGE),
            get(KPI, "/api/v1/kpis/maintenance", READ, 200).query("limit=1"),
            get(KPI, "/api/v1/kpis/oee", READ, 404).query("scope=line:{id}&" + RANGE),
            get(KPI, "/api/v1/kpis/orders", READ, 200),
            post(KPI, "/api/v1/kpis/orders", ENGINEERING, 400).json("{}"),
            get(KPI, "/api/v1/kpis/orders/{id}", READ, 404),
            delete(KPI, "/api/v1/kpis/orders/{id}", ENGINEERING, 404),
            get(KPI, "/api/v1/kpis/reliability", READ, 404).query("scope=line:{id}&" + RANGE),
            get(KPI, "/api/v1/kpis/tariffs", READ, 200),
            post(KPI, "/api/v1/kpis/tariffs", ENGINEERING, 400).json("{}"),
            delete(KPI, "/api/v1/kpis/tariffs/{id}", ENGINEERING, 404),

            get(PATCH, "/api/v1/campaigns", READ, 200).query("limit=1"),
            post(PATCH, "/api/v1/campaigns", ENGINEERING, 400).json("{}"),
            get(PATCH, "/api/v1/campaigns/windows", READ, 200),
            put(PATCH, "/api/v1/campaigns/windows/{site}", ENGINEERING, 400).json("{}"),
            get(PATCH, "/api/v1/campaigns/windows/{site}", READ, 404),
            delete(PATCH, "/api/v1/campaigns/windows/{site}", ENGINEERING, 404),
            get(PATCH, "/api/v1/campaigns/{id}", READ, 404),
            post(PATCH, "/api/v1/campaigns/{id}/approve", APPROVING, 404),
            get(PATCH, "/api/v1/campaigns/{id}/audit", READ, 404),
            post(PATCH, "/api/v1/campaigns/{id}/cancel", union(ENGINEERING, APPROVING), 404),
            post(PATCH, "/api/v1/campaigns/{id}/pause", union(ENGINEERING, ANALYSING), 404),
            post(PATCH, "/api/v1/campaigns/{id}/reject", APPROVING, 404),
            post(PATCH, "/api/v1/campaigns/{id}/resume", ENGINEERING, 404),
            post(PATCH, "/api/v1/campaigns/{id}/rollback", ENGINEERING, 404),
            post(PATCH, "/api/v1/campaigns/{id}/schedule", ENGINEERING, 404),
            post(PATCH, "/api/v1/campaigns/{id}/start", ENGINEERING, 404),
            post(PATCH, "/api/v1/campaigns/{id}/submit", ENGINEERING, 404),
            get(PATCH, "/api/v1/campaigns/{id}/targets", READ, 404),
            post(PATCH, "/api/v1/devices/feedback", DEVICES, 400).json("{}"),
            post(PATCH, "/api/v1/devices/poll", DEVICES, 400).json("{}"),
            get(PATCH, "/api/v1/devices/{tag}/deployment", DEVICES, 204),
            post(PATCH, "/api/v1/devices/{tag}/deployment/{action}/feedback", DEVICES, 400).json("{}"),
            post(PATCH, "/api/v1/firmware", ENGINEERING, 400).body("application/octet-stream", ""),
            get(PATCH, "/api/v1/firmware", union(READ, DEVICES), 200).query("limit=1"),
            get(PATCH, "/api/v1/firmware/vendor-keys", union(READ, DEVICES), 200),
            post(PATCH, "/api/v1/firmware/vendor-keys", ENGINEERING, 400).json("{}"),
            delete(PATCH, "/api/v1/firmware/vendor-keys/{id}", ENGINEERING, 404),
            get(PATCH, "/api/v1/firmware/vendor-keys/{id}", union(READ, DEVICES), 404),
            get(PATCH, "/api/v1/firmware/{id}", union(READ, DEVICES), 404),
            get(PATCH, "/api/v1/firmware/{id}/artifact", union(READ, DEVICES), 404),
            post(PATCH, "/api/v1/firmware/{id}/release", ENGINEERING, 404),
            post(PATCH, "/api/v1/firmware/{id}/revoke", ENGINEERING, 404),

            get(SECURITY, "/api/v1/security/alerts", ANALYSING, 200).query("limit=1"),
            get(SECURITY, "/api/v1/security/alerts/stream", ANALYSING, 200).stream(),
            get(SECURITY, "/api/v1/security/alerts/{id}", ANALYSING, 404),
            post(SECURITY, "/api/v1/security/alerts/{id}/actions/pause-campaign", ANALYSING, 400).json("{}"),
            post(SECURITY, "/api/v1/security/alerts/{id}/actions/quarantine-asset", ANALYSING, 404).json("{}"),
            put(SECURITY, "/api/v1/security/alerts/{id}/assignee", ANALYSING, 404).json("{}"),
            get(SECURITY, "/api/v1/security/alerts/{id}/audit", ANALYSING, 404),
            get(SECURITY, "/api/v1/security/alerts/{id}/notes", ANALYSING, 404),
            post(SECURITY, "/api/v1/security/alerts/{id}/notes", ANALYSING, 400).json("{}"),
            get(SECURITY, "/api/v1/security/alerts/{id}/ocsf", ANALYSING, 404),
            post(SECURITY, "/api/v1/security/alerts/{id}/transition", ANALYSING, 400).json("{}"),
            get(SECURITY, "/api/v1/security/events", ANALYSING, 200).query("limit=1"),
            post(SECURITY, "/api/v1/security/events", union(ANALYSING, DEVICES), 422).json("[]"),
            get(SECURITY, "/api/v1/security/events/stats", ANALYSING, 200),
            get(SECURITY, "/api/v1/security/events/{id}", ANALYSING, 404),
            get(SECURITY, "/api/v1/security/rules", ANALYSING, 200),
            post(SECURITY, "/api/v1/security/rules", ANALYSING, 422).json("{}"),
            post(SECURITY, "/api/v1/security/rules/validate", ANALYSING, 422).json("{}"),
            put(SECURITY, "/api/v1/security/rules/{id}", ANALYSING, 422).json("{}").header(IF_MATCH, "\"1\"")
                    .pathValue("/api/v1/security/rules/authz-unknown-rule"),
            get(SECURITY, "/api/v1/security/rules/{id}", ANALYSING, 404)
                    .pathValue("/api/v1/security/rules/authz-unknown-rule"),
            delete(SECURITY, "/api/v1/security/rules/{id}", ANALYSING, 404).header(IF_MATCH, "\"1\"")
                    .pathValue("/api/v1/security/rules/authz-unknown-rule"),
            get(SECURITY, "/api/v1/security/rules/{id}/versions", ANALYSING, 404)
                    .pathValue("/api/v1/security/rules/authz-unknown-rule/versions"),
            get(SECURITY, "/api/v1/security/techniques", ANALYSING, 200));
}
