package io.converge.bench.kpi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The bench line BENCH-KPI-L1 (enterprise BENCH / site BENCH-SITE / area BENCH-KPI-AREA) with its assets
 * BENCH-KPI-01..NN, registered through the asset API on the first run and reused afterwards; and, per kpi-service
 * instance, the line's KPI binding and the run's production order.
 */
final class Line {

    record Asset(String tag, UUID id) {
    }

    final UUID lineId;
    final List<Asset> assets;

    private Line(UUID lineId, List<Asset> assets) {
        this.lineId = lineId;
        this.assets = List.copyOf(assets);
    }

    List<String> tags() {
        return assets.stream().map(Asset::tag).toList();
    }

    UUID[] ids() {
        return assets.stream().map(Asset::id).toArray(UUID[]::new);
    }

    String scope() {
        return "line:" + lineId;
    }

    static Line register(Config c, Api api, Tokens tokens, Consumer<String> log) {
        String token = tokens.engineer();
        String base = c.assetUrl() + "/api/v1";
        UUID enterprise = node(api, base, token, "enterprise", "BENCH", "Benchmarks", null);
        UUID site = node(api, base, token, "site", Config.SITE, "Benchmark site", enterprise);
        UUID area = node(api, base, token, "area", Config.AREA, "KPI benchmark area", site);
        UUID line = node(api, base, token, "line", Config.LINE, "KPI benchmark line", area);
        List<Asset> out = new ArrayList<>();
        for (int i = 1; i <= c.assets(); i++) {
            String tag = String.format("BENCH-KPI-%02d", i);
            Api.Answer a = api.call("asset-service", "GET", base + "/assets/by-tag/" + enc(tag), token, null);
            if (a.status() == 200) {
                if (!line.toString().equals(a.body().path("lineId").asText())) {
                    throw new BenchException("asset " + tag + " exists but is not on line " + Config.LINE);
                }
                out.add(new Asset(tag, UUID.fromString(a.body().path("id").asText())));
                continue;
            }
            if (a.status() != 404) {
                throw new BenchException("GET /api/v1/assets/by-tag/" + tag + " answered " + a.status() + ": "
                        + Api.snippet(a.raw()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tag", tag);
            body.put("name", "KPI benchmark machine " + i);
            body.put("domain", "OT");
            body.put("type", "plc");
            body.put("criticality", "low");
            body.put("vendor", "Converge");
            body.put("model", "bench/kpi");
            body.put("nodeId", line.toString());
            body.put("labels", Map.of("purpose", "benchmark"));
            Api.Answer created = api.call("asset-service", "POST", base + "/assets", token, body);
            if (created.status() != 201 && created.status() != 200) {
                throw new BenchException("creating bench asset " + tag + " answered " + created.status() + ": "
                        + Api.snippet(created.raw()));
            }
            out.add(new Asset(tag, UUID.fromString(created.body().path("id").asText())));
            log.accept("created bench asset " + tag);
        }
        return new Line(line, out);
    }

    /** The line's binding on a kpi-service instance: created, or replaced (If-Match) when it differs. */
    void bind(Api api, Tokens tokens, String kpiUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stateMetric", Plant.STATE);
        body.put("downReasonMetric", Plant.REASON);
        body.put("goodCountMetric", Plant.GOOD);
        body.put("scrapCountMetric", Plant.SCRAP);
        body.put("energyMetric", Plant.ENERGY);
        String url = kpiUrl + "/api/v1/kpis/bindings/" + scope();
        Api.Answer found = api.call("kpi-service", "GET", url, tokens.engineer(), null);
        if (found.status() == 200 && body.entrySet().stream()
                .allMatch(e -> e.getValue().equals(found.body().path(e.getKey()).asText(null)))) {
            return;
        }
        Map<String, String> headers = found.status() == 200 && found.etag() != null
                ? Map.of("If-Match", found.etag()) : Map.of();
        Api.Answer put = api.call("kpi-service", "PUT", url, tokens.engineer(), body, headers);
        if (put.status() != 200 && put.status() != 201) {
            throw new BenchException("PUT " + url + " answered " + put.status() + ": " + Api.snippet(put.raw()));
        }
    }

    /** The run's production order on the line (covering the data), so effectiveness is defined. */
    void order(Api api, Tokens tokens, String kpiUrl, String number, long planned, Instant from, Instant to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderNumber", number);
        body.put("lineId", lineId.toString());
        body.put("product", "Benchmark bottles 0.5 l");
        body.put("plannedQuantity", planned);
        body.put("idealCycleSeconds", Plant.IDEAL_CYCLE_SECONDS);
        body.put("startsAt", from.toString());
        body.put("endsAt", to.toString());
        Api.Answer a = api.call("kpi-service", "POST", kpiUrl + "/api/v1/kpis/orders", tokens.engineer(), body);
        if (a.status() != 201 && a.status() != 200 && a.status() != 409) {
            throw new BenchException("POST /api/v1/kpis/orders answered " + a.status() + ": " + Api.snippet(a.raw()));
        }
    }

    private static UUID node(Api api, String base, String token, String level, String code, String name,
            UUID parent) {
        Api.Answer a = api.call("asset-service", "GET", base + "/sites/by-code/" + enc(code), token, null);
        if (a.status() == 200) {
            return UUID.fromString(a.body().path("id").asText());
        }
        Map<String, Object> body = new HashMap<>(Map.of("level", level, "code", code, "name", name));
        if (parent != null) {
            body.put("parentId", parent.toString());
        }
        Api.Answer created = api.call("asset-service", "POST", base + "/sites", token, body);
        if (created.status() != 201 && created.status() != 200) {
            throw new BenchException("creating hierarchy node " + code + " answered " + created.status() + ": "
                    + Api.snippet(created.raw()));
        }
        return UUID.fromString(created.body().path("id").asText());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
