package io.converge.bench.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP batch ingest: POST /api/v1/telemetry/points, a fixed number of connections each sending the next batch as soon
 * as its previous one was answered. Timed from the first request to the last 200 answer (which the service sends
 * after commit). Shared by the benchmarks that ingest over HTTP (telemetry-ingest's phase 2, kpi's phase A).
 */
public final class HttpIngest {

    /** Sums of the 200 answers of one send. */
    public static final class Totals {
        public final AtomicLong accepted = new AtomicLong();
        public final AtomicLong duplicates = new AtomicLong();
        public final AtomicLong rejected = new AtomicLong();
        public final AtomicInteger requests = new AtomicInteger();
        public final AtomicInteger retries = new AtomicInteger();
        public final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        public double seconds;
    }

    private static final int MAX_ATTEMPTS = 8;

    private final HttpClient http;
    private final Tokens tokens;
    private final String url;
    private final String contentType;

    /** telemetryUrl: the service's base URL; ndjson: send the bodies as application/x-ndjson, else JSON arrays. */
    public HttpIngest(String telemetryUrl, Tokens tokens, boolean ndjson) {
        // HTTP/1.1: one request at a time per connection, so HTTP_CONNECTIONS threads = that many connections
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.tokens = tokens;
        this.url = telemetryUrl + "/api/v1/telemetry/points";
        this.contentType = ndjson ? "application/x-ndjson" : "application/json";
    }

    /** POSTs every body once (in order, over that many connections) and sums the answers; fails on the first error. */
    public Totals send(List<byte[]> bodies, int connections) {
        Totals t = new Totals();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean abort = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            tokens.device();   // fetch the token before the clock starts
            long t0 = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < connections; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size() && !abort.get();
                         i = next.getAndIncrement()) {
                        try {
                            post(bodies.get(i), i, t);
                        } catch (RuntimeException e) {
                            abort.set(true);
                            throw e;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            t.seconds = (System.nanoTime() - t0) / 1e9;
            return t;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BenchException b) {
                throw b;
            }
            throw new BenchException("HTTP ingest failed: " + BenchException.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private void post(byte[] body, int index, Totals t) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + tokens.device())
                    .header("Content-Type", contentType)
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> resp;
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new BenchException("telemetry-service not reachable at " + url + " (connection refused); "
                        + "start the suite: ./converge up", e);
            } catch (IOException e) {
                throw new BenchException("POST " + url + " failed (batch " + index + "): "
                        + BenchException.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
            t.requests.incrementAndGet();
            int status = resp.statusCode();
            if (status == 200) {
                count(resp.body(), index, t);
                return;
            }
            boolean retriable = status == 429 || status == 503 || (status == 401 && attempt <= 2);
            if (!retriable || attempt >= MAX_ATTEMPTS) {
                String hint = switch (status) {
                    case 401, 403 -> " (the device client's token was refused)";
                    case 404 -> " (is the ingest endpoint deployed in this telemetry-service build?)";
                    case 413 -> " (batch above the service's limit: lower HTTP_BATCH)";
                    default -> "";
                };
                throw new BenchException("POST /api/v1/telemetry/points answered " + status + hint + ": "
                        + Api.snippet(resp.body()));
            }
            t.retries.incrementAndGet();
            if (status == 401) {
                tokens.invalidateDevice();
            } else {
                BenchException.sleep(Math.min(2000, 50L << attempt));
            }
        }
    }

    private static void count(String body, int index, Totals t) {
        JsonNode n;
        try {
            n = Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new BenchException("unreadable 200 answer of POST /api/v1/telemetry/points: " + Api.snippet(body));
        }
        if (!n.has("accepted")) {
            throw new BenchException("200 answer without 'accepted': " + Api.snippet(body));
        }
        t.accepted.addAndGet(n.path("accepted").asLong());
        t.duplicates.addAndGet(n.path("duplicates").asLong());
        long rejected = n.path("rejected").asLong();
        t.rejected.addAndGet(rejected);
        if (rejected > 0 && t.errors.size() < 5) {
            for (JsonNode e : n.path("errors")) {
                if (t.errors.size() >= 5) {
                    break;
                }
                t.errors.add("batch " + index + " point " + e.path("index").asText() + ": "
                        + e.path("reason").asText() + " " + e.path("detail").asText(""));
            }
        }
    }
}
