package io.converge.bench.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.AssetRegistry;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.time.Instant;
import java.util.ArrayList;
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
        AssetRegistry registry = new AssetRegistry(api, c.assetUrl(), tokens.engineer());
        UUID enterprise = registry.node("enterprise", "BENCH", "Benchmarks", null);
        UUID site = registry.node("site", Config.SITE, "Benchmark site", enterprise);
        UUID area = registry.node("area", Config.AREA, "KPI benchmark area", site);
        UUID line = registry.node("line", Config.LINE, "KPI benchmark line", area);
        List<Asset> out = new ArrayList<>();
        for (int i = 1; i <= c.assets(); i++) {
            String tag = String.format("BENCH-KPI-%02d", i);
            JsonNode found = registry.byTag(tag);
            if (found != null) {
                if (!line.toString().equals(found.path("lineId").asText())) {
                    throw new BenchException("asset " + tag + " exists but is not on line " + Config.LINE);
                }
                out.add(new Asset(tag, UUID.fromString(found.path("id").asText())));
                continue;
            }
            out.add(new Asset(tag, registry.create(tag, "KPI benchmark machine " + i, "plc", "bench/kpi", line)));
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
}
