package io.converge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the local Keycloak realm {@code converge} for tests. Demo users' passwords equal their user
 * names (local-only realm in infra/keycloak). Tokens are cached until shortly before they expire.
 */
public final class KeycloakTokens {

    public static final String DEFAULT_REALM_URL = "http://localhost:8180/realms/converge";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expires) {
    }

    private KeycloakTokens() {
    }

    /** The realm URL: system property or environment {@code CONVERGE_KEYCLOAK_REALM_URL}, else the local default. */
    public static String realmUrl() {
        String v = System.getProperty("converge.keycloak.realm-url", System.getenv("CONVERGE_KEYCLOAK_REALM_URL"));
        return v == null || v.isBlank() ? DEFAULT_REALM_URL : v;
    }

    /** Access token of a demo user (password grant through the public console client). */
    public static String user(String username) {
        return cached("user:" + username, () -> request(Map.of(
                "grant_type", "password", "client_id", "converge-console",
                "username", username, "password", username, "scope", "openid")));
    }

    /** Access token of a confidential client (client-credentials grant); secrets are {@code <clientId>-secret}. */
    public static String client(String clientId) {
        return cached("client:" + clientId, () -> request(Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", clientId + "-secret")));
    }

    /** "Bearer ..." header value for a demo user. */
    public static String bearer(String username) {
        return "Bearer " + user(username);
    }

    private interface TokenCall {
        JsonNode call() throws IOException, InterruptedException;
    }

    private static String cached(String key, TokenCall call) {
        Cached c = CACHE.get(key);
        if (c != null && c.expires().isAfter(Instant.now().plusSeconds(30))) {
            return c.token();
        }
        try {
            JsonNode body = call.call();
            String token = body.get("access_token").asText();
            CACHE.put(key, new Cached(token, Instant.now().plusSeconds(body.path("expires_in").asLong(60))));
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + realmUrl() + " did not answer: start it with ./converge up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode request(Map<String, String> form) throws IOException, InterruptedException {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + resp.statusCode() + " " + resp.body());
        }
        return JSON.readTree(resp.body());
    }
}
