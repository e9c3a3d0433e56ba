package io.converge.bench.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.AssetRegistry;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
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
        AssetRegistry registry = new AssetRegistry(api, c.assetUrl(), tokens.engineer());
        UUID siteId = null;
        List<PointSet.Asset> out = new ArrayList<>();
        for (String tag : tags) {
            JsonNode found = registry.byTag(tag);
            if (found != null) {
                out.add(new PointSet.Asset(tag, UUID.fromString(found.path("id").asText())));
                continue;
            }
            if (siteId == null) {
                UUID enterprise = registry.node("enterprise", ENTERPRISE, "Benchmarks", null);
                siteId = registry.node("site", Config.BENCH_SITE, "Benchmark site", enterprise);
            }
            String name = "Telemetry benchmark sensor " + tag.substring(tag.lastIndexOf('-') + 1);
            out.add(new PointSet.Asset(tag, registry.create(tag, name, "sensor", "bench/telemetry-ingest", siteId)));
            log.accept("created bench asset " + tag);
        }
        return out;
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
}
