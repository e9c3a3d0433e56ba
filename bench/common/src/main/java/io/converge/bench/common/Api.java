package io.converge.bench.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Small JSON-over-HTTP helper for the set-up calls (health, asset registry, bindings) and queries of a benchmark. */
public final class Api {

    /** An answer: status, the body parsed as JSON (null when empty or not JSON), the raw body and the ETag header. */
    public record Answer(int status, JsonNode body, String raw, String etag) {
    }

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String bench;
    private final Duration timeout;

    /** bench: the benchmark's name for "./converge bench NAME" in hints; timeout: per request. */
    public Api(HttpClient http, String bench, Duration timeout) {
        this.http = http;
        this.bench = bench;
        this.timeout = timeout;
    }

    public Answer call(String what, String method, String url, String token, Object body) {
        return call(what, method, url, token, body, Map.of());
    }

    /** Any method with an optional bearer token, JSON body and extra headers; connection problems → BenchException. */
    public Answer call(String what, String method, String url, String token, Object body,
            Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), parse(r.body()), r.body(), r.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new BenchException(what + " not reachable at " + url + " (" + BenchException.describe(e)
                    + "); start the suite: ./converge up (or run ./converge bench " + bench + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** GET of a plain-text body (Prometheus metrics); null when the server is not reachable. */
    public String text(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** The value of a Prometheus counter without labels in a /q/metrics text, or -1 when absent. */
    public static double metric(String text, String name) {
        if (text == null) {
            return -1;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return -1;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A body shortened to one line of at most 300 characters, for error messages. */
    public static String snippet(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
