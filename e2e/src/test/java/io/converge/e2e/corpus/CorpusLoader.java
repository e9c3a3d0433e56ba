package io.converge.e2e.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the corpus: one YAML file per service under {@code corpus/} on the test class path. */
public final class CorpusLoader {

    /** The corpus files, in the order they run. */
    public static final List<String> FILES = List.of("gateway", "asset", "telemetry", "kpi", "patch", "security");
    private static final Set<String> BODY_KINDS = Set.of("json", "text", "base64", "parts");
    private static final Set<String> FIELDS = Set.of("name", "category", "method", "path", "query", "role", "headers",
            "contentType", "expect", "json", "text", "base64", "parts");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CorpusLoader() {
    }

    /** Every case of every file; a malformed corpus file fails loudly rather than silently dropping cases. */
    public static List<CorpusCase> load() {
        List<CorpusCase> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String file : FILES) {
            JsonNode doc = read("corpus/" + file + ".yaml");
            String service = doc.path("service").asText(file);
            JsonNode defaults = doc.path("defaults");
            for (JsonNode c : doc.withArray("cases")) {
                CorpusCase k = toCase(service, all.size() + 1, c, defaults, file);
                if (!names.add(service + "/" + k.name())) {
                    throw new IllegalStateException(file + ".yaml: case name used twice: " + k.name());
                }
                all.add(k);
            }
        }
        return all;
    }

    private static CorpusCase toCase(String service, int index, JsonNode c, JsonNode defaults, String file) {
        c.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalStateException(file + ".yaml: unknown field '" + f + "' in case " + c.path("name"));
            }
        });
        String name = required(c, "name", file);
        String category = required(c, "category", file);
        if (!CorpusCase.CATEGORIES.contains(category)) {
            throw new IllegalStateException(file + ".yaml: unknown category '" + category + "' in case " + name);
        }
        ObjectNode body = null;
        for (String kind : BODY_KINDS) {
            if (c.has(kind)) {
                if (body != null) {
                    throw new IllegalStateException(file + ".yaml: case " + name + " has two bodies");
                }
                body = JsonNodeFactory.instance.objectNode().set(kind, c.get(kind));
            }
        }
        String role = c.has("role") ? c.get("role").asText() : defaults.path("role").asText(null);
        JsonNode expect = c.has("expect") ? c.get("expect") : defaults.path("expect");
        String expected = expect.isArray() ? String.join(",", strings(expect)) : expect.asText("4xx");
        return new CorpusCase(service, index, name, category, required(c, "method", file), required(c, "path", file),
                map(c.get("query")), role, map(c.get("headers")),
                c.has("contentType") ? c.get("contentType").asText() : null, body, expected);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> map(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static String required(JsonNode c, String field, String file) {
        if (!c.hasNonNull(field) || c.get(field).asText().isBlank()) {
            throw new IllegalStateException(file + ".yaml: a case has no " + field + ": " + c);
        }
        return c.get(field).asText();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CorpusLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable corpus file " + resource + ": " + e.getMessage(), e);
        }
    }
}
