package io.converge.bench.telemetry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The bench assets BENCH-INGEST-01..NN in the asset registry, in their own enterprise BENCH and site BENCH-SITE (so
 * the site segment of the MQTT topic names the asset's real site). Created on the first run, reused afterwards; their
 * ids are what the COPY baseline writes.
 */
final class Assets {

    static final String ENTERPRISE = "BENCH";

    private Assets() {
    }

    static List<String> tags(int count) {
        List<String> tags = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            tags.add(String.format("BENCH-INGEST-%02d", i));
        }
        return tags;
    }

    /**
     * Through the asset API; when the registry is unreachable and only the COPY baseline runs, from the asset
     * database, and failing that with synthetic ids (the point table has no foreign key; the rows are deleted after).
     */
    static List<PointSet.Asset> resolve(Config c, Api api, Tokens tokens, Consumer<String> log) {
        List<String> tags = tags(c.assets());
        try {
            return viaApi(c, api, tokens, tags, log);
        } catch (BenchException e) {
            if (c.needsService()) {
                throw e;
            }
            log.accept("asset registry unavailable (" + e.getMessage() + ")");
        }
        Map<String, UUID> found = viaAssetDb(c, tags, log);
        List<PointSet.Asset> out = new ArrayList<>();
        for (String tag : tags) {
            UUID id = found.get(tag);
            out.add(new PointSet.Asset(tag, id != null ? id
                    : UUID.nameUUIDFromBytes(("converge-bench:" + tag).getBytes(StandardCharsets.UTF_8))));
        }
        if (found.size() < tags.size()) {
            log.accept("COPY-only run: " + (tags.size() - found.size()) + " of " + tags.size()
                    + " bench assets not in the registry; using synthetic asset ids for them");
        }
        return out;
    }

    private static List<PointSet.Asset> viaApi(Config c, Api api, Tokens tokens, List<String> tags,
            Consumer<String> log) {
        String token = tokens.engineer();
        String base = c.assetUrl() + "/api/v1";
        UUID siteId = null;
        List<PointSet.Asset> out = new ArrayList<>();
        for (String tag : tags) {
            Api.Answer a = api.call("asset-service", "GET", base + "/assets/by-tag/" + enc(tag), token, null);
            if (a.status() == 200) {
                out.add(new PointSet.Asset(tag, UUID.fromString(a.body().path("id").asText())));
                continue;
            }
            if (a.status() != 404) {
                throw new BenchException("GET /api/v1/assets/by-tag/" + tag + " answered " + a.status() + ": "
                        + Api.snippet(a.raw()));
            }
            if (siteId == null) {
                UUID enterprise = node(api, base, token, "enterprise", ENTERPRISE, "Benchmarks", null);
                siteId = node(api, base, token, "site", Config.BENCH_SITE, "Benchmark site", enterprise);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tag", tag);
            body.put("name", "Telemetry benchmark sensor " + tag.substring(tag.lastIndexOf('-') + 1));
            body.put("domain", "OT");
            body.put("type", "sensor");
            body.put("criticality", "low");
            body.put("vendor", "Converge");
            body.put("model", "bench/telemetry-ingest");
            body.put("nodeId", siteId.toString());
            body.put("labels", Map.of("purpose", "benchmark"));
            Api.Answer created = api.call("asset-service", "POST", base + "/assets", token, body);
            if (created.status() != 201 && created.status() != 200) {
                throw new BenchException("creating bench asset " + tag + " answered " + created.status() + ": "
                        + Api.snippet(created.raw()));
            }
            out.add(new PointSet.Asset(tag, UUID.fromString(created.body().path("id").asText())));
            log.accept("created bench asset " + tag);
        }
        return out;
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

    private static Map<String, UUID> viaAssetDb(Config c, List<String> tags, Consumer<String> log) {
        Map<String, UUID> found = new HashMap<>();
        try (Connection conn = DriverManager.getConnection(c.assetDbUrl(), c.dbUser(), c.dbPassword());
             PreparedStatement ps = conn.prepareStatement("SELECT tag, id FROM asset WHERE tag = ANY(?)")) {
            ps.setArray(1, conn.createArrayOf("text", tags.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        } catch (SQLException e) {
            log.accept("asset database " + c.assetDbUrl() + " not readable either (" + BenchException.rootMessage(e)
                    + ")");
        }
        return found;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
