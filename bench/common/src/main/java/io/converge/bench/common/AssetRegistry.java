package io.converge.bench.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The bench's own assets and hierarchy nodes in the asset registry (asset-service), as the engineer. */
public final class AssetRegistry {

    private final Api api;
    private final String base;
    private final String token;

    /** assetUrl: asset-service's base URL; token: the engineer's. */
    public AssetRegistry(Api api, String assetUrl, String token) {
        this.api = api;
        this.base = assetUrl + "/api/v1";
        this.token = token;
    }

    /** The asset with this tag (its JSON), or null when the registry has none. */
    public JsonNode byTag(String tag) {
        Api.Answer a = api.call("asset-service", "GET", base + "/assets/by-tag/" + enc(tag), token, null);
        if (a.status() == 200) {
            return a.body();
        }
        if (a.status() != 404) {
            throw new BenchException("GET /api/v1/assets/by-tag/" + tag + " answered " + a.status() + ": "
                    + Api.snippet(a.raw()));
        }
        return null;
    }

    /**
     * Creates a bench asset (OT, criticality low, vendor Converge, label purpose=benchmark) of this type and model
     * (the benchmark, e.g. "bench/kpi") under the hierarchy node nodeId, and returns its id.
     */
    public UUID create(String tag, String name, String type, String model, UUID nodeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tag", tag);
        body.put("name", name);
        body.put("domain", "OT");
        body.put("type", type);
        body.put("criticality", "low");
        body.put("vendor", "Converge");
        body.put("model", model);
        body.put("nodeId", nodeId.toString());
        body.put("labels", Map.of("purpose", "benchmark"));
        Api.Answer created = api.call("asset-service", "POST", base + "/assets", token, body);
        if (created.status() != 201 && created.status() != 200) {
            throw new BenchException("creating bench asset " + tag + " answered " + created.status() + ": "
                    + Api.snippet(created.raw()));
        }
        return UUID.fromString(created.body().path("id").asText());
    }

    /** The id of the hierarchy node with this code, created (level, name, under parent) when there is none. */
    public UUID node(String level, String code, String name, UUID parent) {
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
