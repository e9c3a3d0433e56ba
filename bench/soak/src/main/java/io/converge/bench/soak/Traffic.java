package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The soak's requests through the gateway: each one timed and recorded under its route in {@link Stats}. Any answer
 * but 2xx is a failure recorded with its status; a connection failure or timeout is recorded as "io".
 */
final class Traffic {

    /** An answer; status 0 (and no bytes) when the request failed without one. */
    record Answer(int status, byte[] bytes) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String body() {
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return bytes == null || bytes.length == 0 ? Api.JSON.missingNode() : Api.JSON.readTree(bytes);
            } catch (IOException e) {
                return Api.JSON.missingNode();
            }
        }
    }

    private final HttpClient http;
    private final Stats stats;
    private final Duration timeout;

    Traffic(HttpClient http, Stats stats, Duration timeout) {
        this.http = http;
        this.stats = stats;
        this.timeout = timeout;
    }

    Answer get(String route, String url, String token) {
        return send(route, "GET", url, token, null, null);
    }

    Answer postJson(String route, String url, String token, byte[] body) {
        return send(route, "POST", url, token, "application/json", body);
    }

    Answer send(String route, String method, String url, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", "converge-soak");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - t0) / 1e6;
            Answer a = new Answer(r.statusCode(), r.body());
            stats.record(route, ms, a.ok() ? null : String.valueOf(r.statusCode()),
                    a.ok() ? null : method + " " + url + " → " + Api.snippet(a.body()));
            return a;
        } catch (IOException e) {
            stats.record(route, (System.nanoTime() - t0) / 1e6, "io", method + " " + url + ": "
                    + BenchException.describe(e));
            return new Answer(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** A failure inside an answer already recorded (a refused point, a refused feedback report …). */
    void fail(String route, String kind, String detail) {
        stats.fail(route, kind, detail);
    }
}
