package io.converge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.testing.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Calls through the gateway (system property {@code converge.gateway.url}) with demo users' real tokens. */
final class Gateway {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, content type, body as JSON (null when it is not JSON). */
    record Answer(int status, String contentType, String body, JsonNode json, String headerEtag) {
    }

    private Gateway() {
    }

    static String url() {
        return System.getProperty("converge.gateway.url", "http://localhost:8080");
    }

    static String zipkin() {
        return System.getProperty("converge.zipkin.url", "http://localhost:9411");
    }

    /** {@code user} null = no token; extra headers as name/value pairs. */
    static Answer call(String user, String method, String path, Object body, String... headers) {
        try {
            return send(user, method, path, "application/json", body == null ? null : JSON.writeValueAsString(body),
                    headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A text body as it is (CSV, NDJSON …) with its content type. */
    static Answer send(String user, String method, String path, String contentType, String body, String... headers) {
        return send(user, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    /** A body of bytes (a firmware artifact …) with its content type. */
    static Answer send(String user, String method, String path, String contentType, byte[] body, String... headers) {
        return exchange(user == null ? null : KeycloakTokens.bearer(user), method, path, contentType, body, headers);
    }

    /** A call as a device: the {@code converge-device} client's token (client credentials, role device). */
    static Answer device(String method, String path, Object body, String... headers) {
        try {
            return exchange(deviceBearer(), method, path, "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body), headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A binary download as a device (status, headers and the bytes as they came). */
    static HttpResponse<byte[]> deviceDownload(String path, String... headers) {
        try {
            return HTTP.send(request(deviceBearer(), "GET", path, null, null, headers).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    private static String deviceBearer() {
        return "Bearer " + KeycloakTokens.client("converge-device");
    }

    private static HttpRequest.Builder request(String authorization, String method, String path, String contentType,
            byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return b;
    }

    private static Answer exchange(String authorization, String method, String path, String contentType, byte[] body,
            String... headers) {
        try {
            HttpResponse<String> r = HTTP.send(request(authorization, method, path, contentType, body, headers)
                    .build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (type.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Answer(r.statusCode(), type, r.body(), json, r.headers().firstValue("ETag").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    static Answer get(String user, String path, String... headers) {
        return call(user, "GET", path, null, headers);
    }

    static Map<String, Object> plc(String tag) {
        return plc(tag, "V2.9.4");
    }

    static Map<String, Object> plc(String tag, String firmware) {
        return Map.of("tag", tag, "name", "E2E PLC " + tag, "domain", "OT", "type", "plc", "vendor", "Siemens",
                "model", "S7-1500", "ipAddress", "10.99.1.15", "criticality", "medium", "firmwareVersion", firmware,
                "labels", Map.of("purpose", "e2e"));
    }
}
