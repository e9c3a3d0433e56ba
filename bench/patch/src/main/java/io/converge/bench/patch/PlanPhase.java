package io.converge.bench.patch;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.patch.domain.Criticality;
import io.converge.patch.domain.PlanSpec;
import io.converge.patch.domain.Target;
import io.converge.patch.domain.WavePlan;
import io.converge.patch.domain.WavePlanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Phase A. (1) The wave planner alone on {@code targets} generated targets (500 lines, mixed criticality, canary 1 %,
 * waves 10/30/60 %, line share 0.34) against sorting the same list by criticality (the least any planner does),
 * medians of PLANNER_RUNS after two warm-ups. (2) A campaign created through the API over the fleet (resolved page
 * by page through asset-service, planned and stored in one transaction) against paging the same assets out of
 * asset-service (what the resolution must read anyway).
 */
final class PlanPhase {

    record PlannerFigures(int targets, double planMedianMs, double sortMedianMs, List<Integer> waveSizes) {
        double ratio() {
            return planMedianMs / sortMedianMs;
        }
    }

    record CampaignFigures(int targets, double createSeconds, double listSeconds, String campaignId,
            List<Integer> waveSizes) {
        double ratio() {
            return createSeconds / listSeconds;
        }
    }

    private PlanPhase() {
    }

    static PlannerFigures planner(int n, int runs) {
        List<Target> ts = generated(n);
        PlanSpec spec = new PlanSpec(new PlanSpec.Percent(1), List.of(10.0, 30.0, 60.0), 0.34);
        WavePlan plan = null;
        double[] planMs = new double[runs];
        double[] sortMs = new double[runs];
        for (int i = -2; i < runs; i++) {
            long t0 = System.nanoTime();
            plan = WavePlanner.plan(ts, spec);
            long t1 = System.nanoTime();
            List<Target> copy = new ArrayList<>(ts);
            copy.sort(WavePlanner.ORDER);
            long t2 = System.nanoTime();
            if (i >= 0) {
                planMs[i] = (t1 - t0) / 1e6;
                sortMs[i] = (t2 - t1) / 1e6;
            }
        }
        if (plan.targetCount() != n) {
            throw new BenchException("the planner planned " + plan.targetCount() + " of " + n + " targets");
        }
        return new PlannerFigures(n, median(planMs), median(sortMs),
                plan.waves().stream().map(WavePlan.Wave::size).toList());
    }

    static CampaignFigures campaign(Api api, Config cfg, UUID site, String firmwareId, String engineer,
            String viewer) {
        long t0 = System.nanoTime();
        int listed = 0;
        String cursor = null;
        do {
            Api.Answer page = api.call("asset-service", "GET", cfg.assetUrl() + "/api/v1/assets?site=" + site
                    + "&limit=500" + (cursor == null ? "" : "&cursor=" + cursor), viewer, null);
            Catalog.expect(page, 200, "listing the fleet");
            listed += page.body().path("items").size();
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        double listSeconds = (System.nanoTime() - t0) / 1e9;
        if (listed != cfg.targets()) {
            throw new BenchException("the bench site holds " + listed + " assets, expected " + cfg.targets()
                    + " (REIMPORT=1, or remove other assets from " + cfg.fleet() + "-SITE)");
        }
        Map<String, Object> plan = Map.of("canaryPercent", 1, "wavePercents", List.of(10, 30, 60),
                "maxLineShare", 0.5, "successThreshold", 95, "errorThreshold", 50);
        Map<String, Object> body = Map.of("name", "bench " + firmwareId, "firmwareId", firmwareId,
                "target", Map.of("site", site.toString()), "plan", plan);
        long t1 = System.nanoTime();
        Api.Answer created = api.call("patch-service", "POST", cfg.patchUrl() + "/api/v1/campaigns", engineer, body);
        double createSeconds = (System.nanoTime() - t1) / 1e9;
        Catalog.expect(created, 201, "creating the campaign");
        int targets = created.body().path("targetCount").asInt();
        List<Integer> sizes = new ArrayList<>();
        created.body().path("waves").forEach(w -> sizes.add(w.path("size").asInt()));
        return new CampaignFigures(targets, createSeconds, listSeconds, created.body().path("id").asText(), sizes);
    }

    /** Like the planner's scale test: 500 lines, 40 % low, 30 % medium, 20 % high, 10 % critical. */
    private static List<Target> generated(int n) {
        Random rnd = new Random(42);
        Criticality[] cs = Criticality.values();
        int lines = 500;
        List<Target> ts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int l = i % lines;
            int r = rnd.nextInt(10);
            Criticality c = cs[r < 4 ? 0 : r < 7 ? 1 : r < 9 ? 2 : 3];
            ts.add(new Target(new UUID(l, i), "L" + l + "-D" + i, new UUID(1, l / 50), new UUID(l * 31L + 7, l),
                    Config.MODEL, "1.0.0", c, null, null));
        }
        return ts;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
