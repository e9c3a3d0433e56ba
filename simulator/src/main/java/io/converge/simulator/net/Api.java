package io.converge.simulator.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Calls to the platform through the gateway with a bearer token from {@link Tokens}; a 401 fetches a new token and
 * retries once. Answers are returned whatever their status: the caller decides what a status means.
 */
public final class Api {

    /** An answer: status, body bytes and the headers the callers need. */
    public record Answer(int status, byte[] body, Map<String, java.util.List<String>> headers) {

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Tokens tokens;

    public Api(HttpClient http, String baseUrl, Tokens tokens) {
        this.http = http;
        this.baseUrl = Tokens.stripSlash(baseUrl);
        this.tokens = tokens;
    }

    public Answer get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", path, null, null, headers);
    }

    public Answer postJson(String path, byte[] body) throws IOException, InterruptedException {
        return send("POST", path, "application/json", body, Map.of());
    }

    public Answer send(String method, String path, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Answer a = once(method, path, contentType, body, headers);
        if (a.status() == 401) {
            tokens.invalidate();
            a = once(method, path, contentType, body, headers);
        }
        return a;
    }

    private Answer once(String method, String path, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.get())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), r.headers().map());
    }

    public String baseUrl() {
        return baseUrl;
    }
}
