package io.converge.e2e.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.testing.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Sends requests through the gateway with a real token of the caller's role and keeps the whole answer. */
public final class CorpusHttp {

    /** An answer: status, headers and body text. */
    public record Answer(int status, HttpHeaders headers, String body) {

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return null;
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** Answers are read up to this size (a wrongly accepted download could be large). */
    private static final int MAX_ANSWER = 4 << 20;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public CorpusHttp(String base) {
        this.base = base;
    }

    /** The bearer token of a role: {@code device} is the device client, anything else a demo user's name. */
    public static String bearer(String role) {
        return "Bearer " + ("device".equals(role) ? KeycloakTokens.client("converge-device") : KeycloakTokens.user(role));
    }

    public Answer send(String role, String method, String target, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofSeconds(60));
        if (role != null) {
            b.header("Authorization", bearer(role));
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                // an accepted event stream never ends: its status and headers are the answer
                boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                byte[] bytes = stream ? new byte[0] : in.readNBytes(MAX_ANSWER);
                return new Answer(r.statusCode(), r.headers(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            // the peer may close the connection while a huge body is still being sent: report it as an answer-less
            // status 0, which fails the case with the reason
            return new Answer(0, HttpHeaders.of(Map.of(), (a, v) -> true), "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON call for the fixtures; fails unless the status is the expected one. */
    public Answer json(String role, String method, String target, Object body, int expected, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        byte[] bytes = null;
        if (body != null) {
            h.put("Content-Type", "application/json");
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        Answer a = send(role, method, target, h, bytes);
        if (a.status() != expected) {
            throw new IllegalStateException(method + " " + target + " as " + role + " → " + a.status()
                    + " (expected " + expected + "): " + a.body());
        }
        return a;
    }
}
