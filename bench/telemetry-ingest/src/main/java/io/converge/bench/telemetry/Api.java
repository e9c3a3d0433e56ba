package io.converge.bench.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON-over-HTTP helper for the set-up calls (health, asset registry). */
final class Api {

    record Answer(int status, JsonNode body, String raw) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    Api(HttpClient http) {
        this.http = http;
    }

    /** GET or POST (body != null) with an optional bearer token; connection problems become a BenchException. */
    Answer call(String what, String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = null;
            if (r.body() != null && !r.body().isBlank()) {
                try {
                    n = JSON.readTree(r.body());
                } catch (IOException notJson) {
                    n = null;
                }
            }
            return new Answer(r.statusCode(), n, r.body());
        } catch (IOException e) {
            throw new BenchException(what + " not reachable at " + url + " (" + BenchException.describe(e)
                    + "); start the suite: ./converge up (or run ./converge bench telemetry-ingest)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    static String snippet(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
