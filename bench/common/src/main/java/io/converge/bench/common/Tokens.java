package io.converge.bench.common;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Access tokens from the local Keycloak realm: the device client (client credentials) for ingest, the engineer user
 * (password grant through the public console client) for set-up (assets, bindings, orders), the viewer for queries.
 * Cached until a minute before they expire (lifespan 900 s), so a long run refreshes them.
 */
public final class Tokens {

    /** Where and as whom: the realm URL (without trailing slash), the device client, the engineer user. */
    public record Realm(String url, String deviceClient, String deviceSecret, String engineerUser,
            String engineerPassword) {
    }

    private record Cached(String token, long expiresAtNanos) {
    }

    private final HttpClient http;
    private final Realm realm;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new LinkedHashMap<>();

    public Tokens(HttpClient http, Realm realm) {
        this.http = http;
        this.realm = realm;
    }

    public String device() {
        return get("device", Map.of("grant_type", "client_credentials", "client_id", realm.deviceClient(),
                "client_secret", realm.deviceSecret()));
    }

    public String engineer() {
        return user("engineer", realm.engineerUser(), realm.engineerPassword());
    }

    /** The demo viewer of the local realm (password = user name). */
    public String viewer() {
        return user("viewer", "viewer", "viewer");
    }

    /** A demo user of the local realm (password = user name), e.g. the approver. */
    public String user(String name) {
        return user(name, name, name);
    }

    private String user(String key, String name, String password) {
        return get(key, Map.of("grant_type", "password", "client_id", "converge-console",
                "username", name, "password", password));
    }

    /** Forget the cached device token (after a 401). */
    public synchronized void invalidateDevice() {
        cache.remove("device");
    }

    private synchronized String get(String key, Map<String, String> form) {
        Cached c = cache.get(key);
        if (c != null && System.nanoTime() < c.expiresAtNanos()) {
            return c.token();
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String url = realm.url() + "/protocol/openid-connect/token";
        HttpResponse<String> resp;
        try {
            resp = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchException("Keycloak not reachable at " + realm.url() + " ("
                    + BenchException.describe(e) + "); start the suite: ./converge up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        if (resp.statusCode() != 200) {
            throw new BenchException("token request for " + key + " at " + url + " answered " + resp.statusCode()
                    + ": " + Api.snippet(resp.body()));
        }
        try {
            JsonNode n = json.readTree(resp.body());
            String token = n.path("access_token").asText();
            long lifetime = Math.max(30, n.path("expires_in").asLong(300) - 60);
            cache.put(key, new Cached(token, System.nanoTime() + Duration.ofSeconds(lifetime).toNanos()));
            return token;
        } catch (IOException e) {
            throw new BenchException("unreadable token response from " + url + ": " + Api.snippet(resp.body()), e);
        }
    }
}
