package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.testing.KeycloakTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One Authorization header per {@link Principal}, each a real token from Keycloak (or a real one altered), fetched once
 * for the whole matrix. Each is checked to be what its column claims, so that a cell cannot pass for the wrong reason:
 * <ul>
 * <li>expired — the {@code admin} user's token from {@code converge-e2e-short-lived}, a local-test client of the realm
 * whose access tokens live 5 s (audience {@code converge-api}: valid in every other respect); waited out once;</li>
 * <li>other realm — the Keycloak bootstrap admin's token from the {@code master} realm (client {@code admin-cli});</li>
 * <li>other audience — the {@code admin} user's token from {@code converge-e2e-other-audience}, a local-test client that
 * stands for another application of the realm: signed by the realm {@code converge}, every role, but for the audience
 * {@code converge-e2e-other-audience} instead of the {@code converge-api} that the services require;</li>
 * <li>tampered — the {@code viewer}'s token with {@code admin} added to its roles, signature left as it was;</li>
 * <li>alg none — the {@code admin}'s claims in an unsigned token ({@code "alg":"none"}, empty signature).</li>
 * </ul>
 */
final class MatrixTokens {

    static final String SHORT_LIVED_CLIENT = "converge-e2e-short-lived";
    static final String OTHER_AUDIENCE_CLIENT = "converge-e2e-other-audience";
    private static final String AUDIENCE = "converge-api";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MatrixTokens() {
    }

    /** The Authorization header of each principal (absent for {@link Principal#NO_TOKEN}). */
    static Map<Principal, String> fetch() {
        String realm = KeycloakTokens.realmUrl();
        JsonNode expiring = grant(realm, SHORT_LIVED_CLIENT, "admin", "admin");
        Map<Principal, String> tokens = new EnumMap<>(Principal.class);
        tokens.put(Principal.VIEWER, KeycloakTokens.user("viewer"));
        tokens.put(Principal.OPERATOR, KeycloakTokens.user("operator"));
        tokens.put(Principal.ENGINEER, KeycloakTokens.user("engineer"));
        tokens.put(Principal.APPROVER, KeycloakTokens.user("approver"));
        tokens.put(Principal.ANALYST, KeycloakTokens.user("analyst"));
        tokens.put(Principal.ADMIN, KeycloakTokens.user("admin"));
        tokens.put(Principal.DEVICE, KeycloakTokens.client("converge-device"));
        tokens.put(Principal.NOBODY, KeycloakTokens.user("nobody"));
        tokens.put(Principal.OTHER_REALM, grant(realm.replaceFirst("/realms/[^/]+/?$", "/realms/master"), "admin-cli",
                System.getProperty("converge.keycloak.master-user", "admin"),
                System.getProperty("converge.keycloak.master-password", "admin")).path("access_token").asText());
        tokens.put(Principal.OTHER_AUDIENCE, grant(realm, OTHER_AUDIENCE_CLIENT, "admin", "admin").path("access_token")
                .asText());
        tokens.put(Principal.TAMPERED, withAdminRole(tokens.get(Principal.VIEWER)));
        tokens.put(Principal.UNSIGNED, unsigned(tokens.get(Principal.ADMIN)));
        tokens.put(Principal.EXPIRED, expired(expiring));
        checkClaims(tokens);
        Map<Principal, String> headers = new EnumMap<>(Principal.class);
        tokens.forEach((p, t) -> headers.put(p, "Bearer " + t));
        return headers;
    }

    /** The token's claims (its payload, not verified). */
    static JsonNode claims(String token) {
        try {
            return Gateway.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JWT: " + e.getMessage(), e);
        }
    }

    /** Waits until the short-lived token is past its {@code exp} (one second of margin); the token. */
    private static String expired(JsonNode grant) {
        String token = grant.path("access_token").asText();
        Instant exp = Instant.ofEpochSecond(claims(token).path("exp").asLong());
        Duration left = Duration.between(Instant.now(), exp.plusSeconds(1));
        if (!left.isNegative()) {
            try {
                Thread.sleep(left.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    private static String withAdminRole(String token) {
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) claims(token);
        ((ArrayNode) payload.with("realm_access").withArray("roles")).add("admin");
        return parts[0] + "." + encode(payload) + "." + parts[2];
    }

    private static String unsigned(String token) {
        ObjectNode header = Gateway.JSON.createObjectNode().put("alg", "none").put("typ", "JWT");
        return encode(header) + "." + token.split("\\.")[1] + ".";
    }

    private static String encode(JsonNode json) {
        try {
            return B64.encodeToString(Gateway.JSON.writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Each altered or foreign token is what its column says, and would otherwise carry the admin role. */
    private static void checkClaims(Map<Principal, String> tokens) {
        JsonNode expired = claims(tokens.get(Principal.EXPIRED));
        assertTrue(expired.path("exp").asLong() < Instant.now().getEpochSecond(), "expired token: " + expired);
        assertTrue(audiences(expired).contains(AUDIENCE), "expired token lacks the audience: " + expired);
        assertTrue(roles(expired).contains("admin"), "expired token without admin: " + expired);
        JsonNode foreign = claims(tokens.get(Principal.OTHER_REALM));
        assertTrue(foreign.path("iss").asText().endsWith("/realms/master"), "other realm: " + foreign.path("iss"));
        JsonNode otherAudience = claims(tokens.get(Principal.OTHER_AUDIENCE));
        assertTrue(otherAudience.path("iss").asText().endsWith("/realms/converge"), "other audience: " + otherAudience);
        assertFalse(audiences(otherAudience).contains(AUDIENCE), "other-audience token has " + AUDIENCE);
        assertTrue(roles(otherAudience).contains("admin"), "other-audience token without admin: " + otherAudience);
        JsonNode tampered = claims(tokens.get(Principal.TAMPERED));
        assertTrue(roles(tampered).contains("admin"), "tampered token: " + tampered);
        assertEquals("viewer", tampered.path("preferred_username").asText());
        assertTrue(roles(claims(tokens.get(Principal.UNSIGNED))).contains("admin"), "unsigned token");
    }

    private static java.util.Set<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? StreamSupport.stream(aud.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toSet()) : aud.isMissingNode() ? java.util.Set.of() : java.util.Set.of(aud.asText());
    }

    private static java.util.Set<String> roles(JsonNode claims) {
        return StreamSupport.stream(claims.path("realm_access").path("roles").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.toSet());
    }

    /** A password grant (uncached: each of these tokens is wanted once). */
    private static JsonNode grant(String realmUrl, String clientId, String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token from " + clientId + " at " + realmUrl + ": " + r.statusCode()
                        + " " + r.body());
            }
            return Gateway.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Keycloak at " + realmUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
