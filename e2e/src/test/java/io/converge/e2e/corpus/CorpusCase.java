package io.converge.e2e.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One bad request of the corpus, as written in {@code src/test/resources/corpus/*.yaml}: what is sent (method, path,
 * query, headers, the caller's role and a body) and the 4xx status expected.
 *
 * <p>The body is exactly one of {@code json} (any YAML value, sent as JSON), {@code text} (sent as it is, UTF-8),
 * {@code base64} (raw bytes) or {@code parts} (a generator for very large or deeply nested bodies, so that the corpus
 * stays small: a list of {@code {text: …}}, {@code {hex: …}} and {@code {repeat: …, times: n}}). Strings may hold
 * placeholders ({@code ${mark}}, {@code ${asset.id}} …) that {@link CorpusRun} replaces before sending.
 *
 * @param service   the service the path belongs to (or {@code gateway} for what only the gateway answers)
 * @param index     position in the whole corpus, part of the case's own mark
 * @param expect    a status ({@code 400}), a class ({@code "4xx"}) or a list of statuses
 */
public record CorpusCase(String service, int index, String name, String category, String method, String path,
        Map<String, String> query, String role, Map<String, String> headers, String contentType, JsonNode body,
        String expect) {

    /** Categories a case may have; the summary counts each. */
    public static final List<String> CATEGORIES = List.of("malformed-json", "malformed-csv", "protobuf", "wrong-type",
            "huge-number", "nan-infinity", "bad-timestamp", "huge-string", "deep-nesting", "unicode", "sql-injection",
            "header-injection", "path-traversal", "content-type", "oversized-body", "bad-uuid", "bad-if-match",
            "bad-parameter", "unknown-route");

    /** The display name of the dynamic test. */
    public String title() {
        return String.format("%03d %s · %s · %s %s", index, service, category, method, name);
    }

    /** Whether {@code status} is what this case expects. */
    public boolean expects(int status) {
        for (String e : expect.split(",")) {
            String s = e.trim();
            if (s.endsWith("xx") ? status / 100 == Integer.parseInt(s.substring(0, 1)) : status == Integer.parseInt(s)) {
                return true;
            }
        }
        return false;
    }

    /** The request target with the query encoded, placeholders resolved. */
    public String target(UnaryOperator<String> resolve) {
        StringBuilder uri = new StringBuilder(resolve.apply(path));
        if (query != null && !query.isEmpty()) {
            uri.append(uri.indexOf("?") < 0 ? '?' : '&');
            List<String> pairs = new ArrayList<>();
            query.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(resolve.apply(v))));
            uri.append(String.join("&", pairs));
        }
        return uri.toString();
    }

    /** Request headers with placeholders resolved (a content type from {@code contentType} or the body's kind). */
    public Map<String, String> headers(UnaryOperator<String> resolve) {
        Map<String, String> all = new LinkedHashMap<>();
        String type = contentType != null ? contentType : body == null ? null
                : body.has("json") ? "application/json" : body.has("text") ? "text/plain" : "application/octet-stream";
        if (type != null && !type.isEmpty()) {
            all.put("Content-Type", type);
        }
        if (headers != null) {
            headers.forEach((k, v) -> all.put(k, resolve.apply(v)));
        }
        return all;
    }

    /** The body's bytes, placeholders resolved in every text; null when the case sends none. */
    public byte[] bytes(UnaryOperator<String> resolve) {
        if (body == null) {
            return null;
        }
        if (body.has("json")) {
            return resolve.apply(body.get("json").toString()).getBytes(StandardCharsets.UTF_8);
        }
        if (body.has("text")) {
            return resolve.apply(body.get("text").asText()).getBytes(StandardCharsets.UTF_8);
        }
        if (body.has("base64")) {
            return Base64.getDecoder().decode(body.get("base64").asText());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode part : body.get("parts")) {
            if (part.has("text")) {
                out.writeBytes(resolve.apply(part.get("text").asText()).getBytes(StandardCharsets.UTF_8));
            } else if (part.has("hex")) {
                out.writeBytes(HexFormat.of().parseHex(part.get("hex").asText()));
            } else {
                byte[] unit = resolve.apply(part.get("repeat").asText()).getBytes(StandardCharsets.UTF_8);
                for (int i = part.get("times").asInt(); i > 0; i--) {
                    out.writeBytes(unit);
                }
            }
        }
        return out.toByteArray();
    }

    /** A one-line description of the body for failure messages. */
    public String bodySummary() {
        if (body == null) {
            return "no body";
        }
        String s = body.toString();
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
