package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.AssetRegistry;
import io.converge.bench.common.BenchException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The soak's own plant, all named {@value Config#PREFIX}…, created through the gateway on the first run and reused:
 * enterprise SOAK with two sites. SOAK-SITE holds one line per site gateway (SOAK-L00 …) with its machines
 * (SOAK-M00-000 …, CNCs sending telemetry), each line bound in kpi-service (state, down reason, good and scrap
 * counters), a calendar around the clock and, per run, a production order; SOAK-FW-SITE holds the campaign's PLCs
 * (SOAK-FW-L00-D000 …, model {@value Config#FW_MODEL}) on their lines and a maintenance window that is always open;
 * SOAK-SITE's line SOAK-MQ-L00 holds the sensors publishing over MQTT (SOAK-MQ-000 …).
 */
final class Fixture {

    /** One line of machines or devices: its node id, its tags and (once resolved) its asset ids. */
    record Line(String code, UUID id, List<String> tags, List<UUID> assetIds) {
    }

    final UUID site;
    final UUID fwSite;
    final List<Line> machineLines = new ArrayList<>();
    final List<Line> deviceLines = new ArrayList<>();
    /** The sensors publishing over MQTT (SOAK-MQ-000 … on line SOAK-MQ-L00); null with MQTT_MACHINES=0. */
    final Line mqttLine;
    final List<String> orders = new ArrayList<>();

    private final Config cfg;
    private final Api api;
    private final String engineer;
    private final AssetRegistry registry;

    Fixture(Config cfg, Api api, String engineer) {
        this.cfg = cfg;
        this.api = api;
        this.engineer = engineer;
        this.registry = new AssetRegistry(api, cfg.gatewayUrl(), engineer);
        UUID enterprise = registry.node("enterprise", Config.PREFIX, "Soak plant", null);
        site = registry.node("site", Config.PREFIX + "-SITE", "Soak site", enterprise);
        UUID area = registry.node("area", Config.PREFIX + "-AREA", "Soak area", site);
        fwSite = registry.node("site", Config.PREFIX + "-FW-SITE", "Soak firmware site", enterprise);
        UUID fwArea = registry.node("area", Config.PREFIX + "-FW-AREA", "Soak firmware area", fwSite);
        for (int g = 0; g < cfg.ingestGateways(); g++) {
            String code = String.format("%s-L%02d", Config.PREFIX, g);
            List<String> tags = new ArrayList<>();
            for (int m = 0; m < cfg.machinesPerGateway(); m++) {
                tags.add(String.format("%s-M%02d-%03d", Config.PREFIX, g, m));
            }
            machineLines.add(new Line(code, registry.node("line", code, "Soak line " + g, area), tags,
                    new ArrayList<>()));
        }
        if (cfg.mqttMachines() > 0) {
            String code = Config.PREFIX + "-MQ-L00";
            List<String> tags = new ArrayList<>();
            for (int m = 0; m < cfg.mqttMachines(); m++) {
                tags.add(String.format("%s-MQ-%03d", Config.PREFIX, m));
            }
            mqttLine = new Line(code, registry.node("line", code, "Soak MQTT line", area), tags, new ArrayList<>());
        } else {
            mqttLine = null;
        }
        for (int l = 0; l < cfg.campaignLines(); l++) {
            String code = String.format("%s-FW-L%02d", Config.PREFIX, l);
            List<String> tags = new ArrayList<>();
            for (int d = 0; d < cfg.devicesPerLine(); d++) {
                tags.add(String.format("%s-FW-L%02d-D%03d", Config.PREFIX, l, d));
            }
            deviceLines.add(new Line(code, registry.node("line", code, "Soak firmware line " + l, fwArea), tags,
                    new ArrayList<>()));
        }
    }

    /** Registers the assets that are missing (one bulk import) and resolves every asset id. */
    void assets() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Line l : machineLines) {
            rows(rows, l, "cnc", "SOAK-CNC", "medium");
        }
        for (Line l : deviceLines) {
            rows(rows, l, "plc", Config.FW_MODEL, "low");
        }
        if (mqttLine != null) {
            rows(rows, mqttLine, "sensor", "SOAK-SENSOR", "low");
        }
        if (!rows.isEmpty()) {
            Api.Answer a = api.call("gateway", "POST", cfg.api("/api/v1/assets/import"), engineer, rows);
            if (a.status() != 200 && a.status() != 201) {
                throw new BenchException("importing " + rows.size() + " soak assets answered " + a.status() + ": "
                        + Api.snippet(a.raw()));
            }
            SoakBench.log("registered " + rows.size() + " soak assets");
        }
        List<Line> mqtt = mqttLine == null ? List.of() : List.of(mqttLine);
        for (List<Line> lines : List.of(machineLines, deviceLines, mqtt)) {
            for (Line l : lines) {
                l.assetIds().clear();
                for (String tag : l.tags()) {
                    JsonNode a = registry.byTag(tag);
                    if (a == null) {
                        throw new BenchException("soak asset " + tag + " not found after the import");
                    }
                    l.assetIds().add(UUID.fromString(a.path("id").asText()));
                }
            }
        }
    }

    private void rows(List<Map<String, Object>> rows, Line l, String type, String model, String criticality) {
        // present when the line's last tag is (the set is imported whole)
        if (registry.byTag(l.tags().get(l.tags().size() - 1)) != null) {
            return;
        }
        for (String tag : l.tags()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("tag", tag);
            r.put("name", "Soak " + type + " " + tag);
            r.put("domain", "OT");
            r.put("type", type);
            r.put("vendor", "Converge");
            r.put("model", model);
            r.put("location", l.code());
            r.put("criticality", criticality);
            r.put("firmwareVersion", "1.0.0");
            r.put("status", "active");
            r.put("labels", Map.of("purpose", "soak"));
            rows.add(r);
        }
    }

    /** kpi-service: each machine line's bindings, the site's calendar (around the clock), one order per line. */
    void kpis(String runId, Instant from, Instant to) {
        for (Line l : machineLines) {
            put("/api/v1/kpis/bindings/line:" + l.id(), Map.of("stateMetric", "machine.state",
                    "downReasonMetric", "machine.reason", "goodCountMetric", "count.good",
                    "scrapCountMetric", "count.scrap"));
        }
        List<Map<String, String>> shifts = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            shifts.add(Map.of("day", d.name(), "start", "00:00", "end", "00:00"));
        }
        put("/api/v1/kpis/calendars/" + site, Map.of("zone", "UTC", "shifts", shifts, "breaks", List.of(),
                "plannedDowntime", List.of()));
        for (Line l : machineLines) {
            Api.Answer o = api.call("gateway", "POST", cfg.api("/api/v1/kpis/orders"), engineer, Map.of(
                    "orderNumber", Config.PREFIX + "-" + runId + "-" + l.code(), "lineId", l.id().toString(),
                    "product", "soak part", "plannedQuantity", 1_000_000, "idealCycleSeconds", 1,
                    "startsAt", from.toString(), "endsAt", to.toString()));
            expect(o, 201, "creating the production order of " + l.code());
            orders.add(o.body().path("id").asText());
        }
    }

    /** patch-service: the firmware site's maintenance window, always open (opens every minute for 2 h, UTC). */
    void window() {
        String url = cfg.api("/api/v1/campaigns/windows/" + fwSite);
        Api.Answer now = api.call("gateway", "GET", url, engineer, null);
        if (now.status() == 200 && "* * * * *".equals(now.body().path("cron").asText())) {
            return;
        }
        Api.Answer put = api.call("gateway", "PUT", url, engineer, Map.of("cron", "* * * * *", "duration", "PT2H",
                "zone", "UTC"), now.status() == 200 && now.etag() != null ? Map.of("If-Match", now.etag()) : Map.of());
        if (put.status() != 200 && put.status() != 201) {
            throw new BenchException("setting the soak firmware site's window answered " + put.status() + ": "
                    + Api.snippet(put.raw()));
        }
    }

    /** Removes the run's production orders (the plant itself stays for the next run). */
    void removeOrders() {
        for (String id : orders) {
            Api.Answer a = api.call("gateway", "DELETE", cfg.api("/api/v1/kpis/orders/" + id), engineer, null);
            if (a.status() != 204 && a.status() != 200 && a.status() != 404) {
                SoakBench.log("removing production order " + id + " answered " + a.status());
            }
        }
    }

    /** Creates or replaces (If-Match with the current ETag) a kpi-service resource. */
    private void put(String path, Object body) {
        Api.Answer now = api.call("gateway", "GET", cfg.api(path), engineer, null);
        Map<String, String> headers = now.status() == 200 && now.etag() != null ? Map.of("If-Match", now.etag())
                : Map.of();
        Api.Answer a = api.call("gateway", "PUT", cfg.api(path), engineer, body, headers);
        if (a.status() != 200 && a.status() != 201) {
            throw new BenchException("PUT " + path + " answered " + a.status() + ": " + Api.snippet(a.raw()));
        }
    }

    static void expect(Api.Answer a, int status, String what) {
        if (a.status() != status) {
            throw new BenchException(what + " answered " + a.status() + ": " + Api.snippet(a.raw()));
        }
    }

    List<String> machineTags() {
        return machineLines.stream().flatMap(l -> l.tags().stream()).toList();
    }

    List<UUID> machineIds() {
        return machineLines.stream().flatMap(l -> l.assetIds().stream()).toList();
    }
}
