package io.converge.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.testing.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls through the gateway (system property {@code converge.gateway.url}) with real tokens. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers, body and the body as JSON (null when it is not JSON); status -1 = no answer. */
    record Answer(int status, HttpHeaders headers, String body, JsonNode json) {

        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Api() {
    }

    static String gateway() {
        return System.getProperty("converge.gateway.url", "http://localhost:8080");
    }

    /** The {@code Authorization} value of a demo user (a token Keycloak issued, cached until shortly before expiry). */
    static String user(String name) {
        return KeycloakTokens.bearer(name);
    }

    /** The {@code Authorization} value of the {@code converge-device} client (role device). */
    static String device() {
        return "Bearer " + KeycloakTokens.client("converge-device");
    }

    static Answer get(String authorization, String path) {
        return send(authorization, "GET", path, null, null);
    }

    static Answer post(String authorization, String path, Object body) {
        return json(authorization, "POST", path, body);
    }

    static Answer json(String authorization, String method, String path, Object body) {
        try {
            return send(authorization, method, path, "application/json", body == null ? null
                    : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One call; a connection failure or timeout answers status -1 instead of throwing. */
    static Answer send(String authorization, String method, String path, String contentType, String body,
            String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : gateway() + path))
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
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
            return new Answer(r.statusCode(), r.headers(), r.body(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            return new Answer(-1, null, e.toString(), null);
        }
    }

    /** A password-grant login through the gateway's /auth/ route, as the console does it (no cache). */
    static Answer login(String user) {
        String form = "grant_type=password&client_id=converge-console&username=" + user + "&password=" + user;
        return send(null, "POST", KeycloakTokens.realmUrl() + "/protocol/openid-connect/token",
                "application/x-www-form-urlencoded", form);
    }

    /** Registers an asset of the test's own (tag unique to the run) with asset-service as the engineer; its id. */
    static String registerAsset(String tag, String purpose) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("tag", tag);
        b.put("name", "reliability " + purpose + " " + tag);
        b.put("domain", "OT");
        b.put("type", "plc");
        b.put("vendor", "reliability");
        b.put("model", "R-1");
        b.put("criticality", "low");
        b.put("firmwareVersion", "1.0.0");
        b.put("labels", Map.of("purpose", "reliability-" + purpose));
        Answer a = post(user("engineer"), "/api/v1/assets", b);
        if (a.status() != 201) {
            throw new AssertionError("registering " + tag + ": " + a.status() + " " + a.body());
        }
        return a.json().path("id").asText();
    }
}
