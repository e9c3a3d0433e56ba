package io.converge.bench.patch;

import io.converge.bench.common.Api;
import io.converge.bench.common.AssetRegistry;
import io.converge.bench.common.BenchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bench's fleet in asset-service: one site ({@code <fleet>-SITE}, see {@link Config#fleet()}) with {@code lines} lines and
 * {@code targets} devices of model {@value Config#MODEL} on firmware 1.0.0 spread over them (40 % low, 30 % medium,
 * 20 % high, 10 % critical), imported in JSON bulk imports of 20,000 rows (upsert by tag, which also resets their firmware).
 */
final class Fleet {

    private static final String[] CRITICALITY = {"low", "low", "low", "low", "medium", "medium", "medium", "high",
        "high", "critical"};

    /** Rows per import request. */
    private static final int CHUNK = 20_000;

    private final Api api;
    private final AssetRegistry registry;
    private final Config cfg;
    private final String engineer;

    Fleet(Api api, Config cfg, String engineer) {
        this.api = api;
        this.cfg = cfg;
        this.engineer = engineer;
        this.registry = new AssetRegistry(api, cfg.assetUrl(), engineer);
    }

    private String tag(int i) {
        return String.format("%s-D%06d", cfg.fleet(), i);
    }

    /** The site's id; the devices imported unless the last one is registered already (and REIMPORT is not set). */
    UUID ensure() {
        UUID enterprise = registry.node("enterprise", Config.PREFIX, "Patch benchmark", null);
        UUID site = registry.node("site", cfg.fleet() + "-SITE", "Patch benchmark site", enterprise);
        UUID area = registry.node("area", cfg.fleet() + "-AREA", "Patch benchmark area", site);
        for (int l = 0; l < cfg.lines(); l++) {
            registry.node("line", line(l), "Patch benchmark line " + l, area);
        }
        if (!cfg.reimport() && registry.byTag(tag(cfg.targets() - 1)) != null) {
            PatchBench.log("fleet of " + cfg.targets() + " devices present (REIMPORT=1 re-imports it)");
            return site;
        }
        long t0 = System.nanoTime();
        for (int from = 0; from < cfg.targets(); from += CHUNK) {
            List<Map<String, Object>> rows = new ArrayList<>(CHUNK);
            for (int i = from; i < Math.min(cfg.targets(), from + CHUNK); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("tag", tag(i));
                r.put("name", "Bench PLC " + i);
                r.put("domain", "OT");
                r.put("type", "plc");
                r.put("vendor", "Converge");
                r.put("model", Config.MODEL);
                r.put("location", line(i % cfg.lines()));
                r.put("criticality", CRITICALITY[i % CRITICALITY.length]);
                r.put("firmwareVersion", "1.0.0");
                r.put("status", "active");
                r.put("labels", Map.of("purpose", "bench-patch"));
                rows.add(r);
            }
            Api.Answer a = api.call("asset-service", "POST", cfg.assetUrl() + "/api/v1/assets/import", engineer,
                    rows);
            if (a.status() != 200 && a.status() != 201) {
                throw new BenchException("importing the bench fleet answered " + a.status() + ": "
                        + Api.snippet(a.raw()));
            }
        }
        PatchBench.log(String.format("imported %,d devices in %.1f s", cfg.targets(), (System.nanoTime() - t0) / 1e9));
        return site;
    }

    private String line(int l) {
        return String.format("%s-L%03d", cfg.fleet(), l);
    }
}
