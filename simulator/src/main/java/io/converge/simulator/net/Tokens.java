package io.converge.simulator.net;

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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Access tokens from the Keycloak realm, cached until 30 s before they expire: the device token (client credentials
 * of the confidential client, e.g. {@code converge-device}) or a user's (password grant through the public console
 * client; only the attack mode uses one). Thread-safe.
 */
public final class Tokens {

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI tokenEndpoint;
    private final Map<String, String> form;
    private String token;
    private Instant expires = Instant.EPOCH;

    private Tokens(HttpClient http, ObjectMapper json, String realmUrl, Map<String, String> form) {
        this.http = http;
        this.json = json;
        this.tokenEndpoint = URI.create(stripSlash(realmUrl) + "/protocol/openid-connect/token");
        this.form = Map.copyOf(form);
    }

    public static Tokens clientCredentials(HttpClient http, ObjectMapper json, String realmUrl, String clientId,
            String secret) {
        return new Tokens(http, json, realmUrl, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    public static Tokens password(HttpClient http, ObjectMapper json, String realmUrl, String clientId, String user,
            String password) {
        return new Tokens(http, json, realmUrl, Map.of("grant_type", "password", "client_id", clientId,
                "username", user, "password", password));
    }

    public static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A valid access token (fetched when the cached one is missing or about to expire). */
    public synchronized String get() throws IOException, InterruptedException {
        if (token != null && expires.isAfter(Instant.now().plusSeconds(30))) {
            return token;
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("token endpoint " + tokenEndpoint + " answered " + r.statusCode() + ": "
                    + abbreviate(r.body()));
        }
        JsonNode n = json.readTree(r.body());
        token = n.path("access_token").asText(null);
        if (token == null) {
            throw new IOException("no access_token from " + tokenEndpoint);
        }
        expires = Instant.now().plusSeconds(n.path("expires_in").asLong(60));
        return token;
    }

    /** Forgets the cached token (after a 401). */
    public synchronized void invalidate() {
        token = null;
    }

    public static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
