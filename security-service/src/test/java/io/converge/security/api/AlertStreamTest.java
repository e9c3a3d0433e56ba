package io.converge.security.api;

import static io.converge.security.api.Api.json;
import static io.converge.security.api.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Alerts are streamed as server-sent events when they are raised. */
@QuarkusTest
class AlertStreamTest {

    @TestHTTPResource("/api/v1/security/alerts/stream")
    URI stream;

    @Test
    void aRaisedAlertArrivesOnTheStream() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(stream)
                .header("Authorization", KeycloakTokens.bearer("analyst")).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        String door = "D-" + UUID.randomUUID();
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> r.body()
                .filter(l -> l.startsWith("data:") && l.contains("Door forced open")).findFirst().orElse(""));
        Thread.sleep(300);
        String alert = post("analyst", "/api/v1/security/events", json("[{'kind':'door-forced','door':'" + door
                + "'}]")).statusCode(200).extract().jsonPath().getString("alerts[0]");
        String line = seen.get(20, TimeUnit.SECONDS);
        assertTrue(line.contains("\"ruleId\":\"100123\""), line);
        assertTrue(line.contains(alert), line);
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(stream)
                .header("Authorization", KeycloakTokens.bearer("viewer")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, denied.statusCode());
    }
}
