package io.converge.bench.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Phase C: the line's OEE over the whole data range in 1 h buckets from the main kpi-service (QUERY_WARMUP untimed,
 * QUERY_RUNS timed, one after the other), checked against the generated counters; and the baseline, one plain
 * aggregate over the same assets' raw points in telemetry's database for the same range (1 untimed + BASELINE_RUNS).
 */
final class Query {

    /**
     * @param pq / expectedPq produced quantity of the hours every asset has a stored window for, answered / generated
     * @param complete       buckets with a window of every asset; {@code mixed}: with some but not all
     */
    record Result(double[] ms, double[] baselineMs, long baselineRows, int buckets, int complete, int mixed,
            double pq, double expectedPq, double gq, double expectedGq, String oee, List<String> problems) {

        double median() {
            return pct(ms, 50);
        }

        double p95() {
            return pct(ms, 95);
        }

        double baselineMedian() {
            return pct(baselineMs, 50);
        }

        double deviation() {
            return expectedPq == 0 ? Double.NaN : Math.abs(pq - expectedPq) / expectedPq;
        }
    }

    private Query() {
    }

    static Result run(Config c, Api api, Tokens tokens, Line line, Plant plant) {
        Instant from = Instant.ofEpochSecond(Math.floorDiv(plant.first.getEpochSecond(), 3600) * 3600);
        Instant to = plant.last;
        String url = c.kpiUrl() + "/api/v1/kpis/oee?scope=" + enc(line.scope()) + "&from=" + enc(from.toString())
                + "&to=" + enc(to.toString()) + "&bucket=PT1H";
        KpiBench.log("C: GET " + url.substring(c.kpiUrl().length()) + " x " + c.queryWarmup() + " warm-up + "
                + c.queryRuns());
        String token = tokens.viewer();
        for (int i = 0; i < c.queryWarmup(); i++) {
            get(api, url, token);
        }
        double[] ms = new double[c.queryRuns()];
        JsonNode answer = null;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            answer = get(api, url, token);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        List<String> problems = new ArrayList<>();
        int a = line.assets.size();
        int buckets = 0;
        int complete = 0;
        int mixed = 0;
        double pq = 0;
        double gq = 0;
        double expPq = 0;
        double expGq = 0;
        for (JsonNode b : answer.path("buckets")) {
            buckets++;
            int w = b.path("windows").asInt();
            Instant s = Instant.parse(b.path("start").asText());
            Instant e = Instant.parse(b.path("end").asText());
            if (w == a) {
                complete++;
                pq += b.path("figures").path("producedQuantity").asDouble();
                gq += b.path("figures").path("goodQuantity").asDouble();
                expGq += plant.expectedGood(s, e);
                expPq += plant.expectedGood(s, e) + plant.expectedScrap(s, e);
            } else if (w > 0) {
                mixed++;
            }
        }
        if (mixed > 0) {
            problems.add(mixed + " bucket(s) with windows of some assets only");
        }
        JsonNode oee = answer.path("total").path("oee");
        String oeeText = oee.has("value") ? String.format(java.util.Locale.ROOT, "%.3f", oee.path("value").asDouble())
                : "undefined (" + oee.path("reason").asText() + ")";
        KpiBench.log("C: baseline, SELECT count(*), sum(value) FROM point over the same assets and range, 1 warm-up + "
                + c.baselineRuns());
        double[] base = new double[c.baselineRuns()];
        long rows;
        try (Db telemetry = new Db(c, "telemetry")) {
            rows = (long) telemetry.aggregate(line.ids(), from, to)[0];
            for (int i = 0; i < base.length; i++) {
                long t0 = System.nanoTime();
                rows = (long) telemetry.aggregate(line.ids(), from, to)[0];
                base[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new Result(ms, base, rows, buckets, complete, mixed, pq, expPq, gq, expGq, oeeText, problems);
    }

    private static JsonNode get(Api api, String url, String token) {
        Api.Answer r = api.call("kpi-service", "GET", url, token, null);
        if (r.status() != 200 || r.body() == null) {
            throw new BenchException("GET /api/v1/kpis/oee answered " + r.status() + ": " + Api.snippet(r.raw()));
        }
        return r.body();
    }

    static double pct(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
