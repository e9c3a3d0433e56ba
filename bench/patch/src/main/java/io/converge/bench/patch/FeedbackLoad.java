package io.converge.bench.patch;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Phase B. CONNECTIONS workers play the campaign's devices in plan order (canary first): poll, then report
 * downloading, downloaded, installing and success (4 feedback updates per device); a device whose wave has not
 * opened yet (204) polls again 5 ms later. Runs until DEVICES devices are done or DURATION is over. The baseline is
 * the same service's {@code /q/health/live} (no token, no database) at the same concurrency.
 */
final class FeedbackLoad {

    private static final String[] STEPS = {"{\"status\":\"downloading\",\"progress\":50}",
        "{\"status\":\"downloaded\"}", "{\"status\":\"installing\"}", "{\"status\":\"success\",\"message\":\"ok\"}"};
    /** A device still not offered its update after this long is left out (its wave never opened). */
    private static final long GIVE_UP_NANOS = Duration.ofSeconds(30).toNanos();

    /** {@code taken}: how far into the tag list the workers got (the next phase starts there). */
    record Figures(int devices, int devicesDone, int devicesNotOffered, long feedback, long feedbackErrors,
            long polls, double seconds, double[] latencyMs, long successesAcked, String firstError, int taken) {
        double perSecond() {
            return feedback / seconds;
        }

        double percentile(double p) {
            if (latencyMs.length == 0) {
                return Double.NaN;
            }
            return latencyMs[Math.min(latencyMs.length - 1, (int) Math.ceil(p / 100 * latencyMs.length) - 1)];
        }
    }

    private final HttpClient http;
    private final Config cfg;
    private final Tokens tokens;

    FeedbackLoad(HttpClient http, Config cfg, Tokens tokens) {
        this.http = http;
        this.cfg = cfg;
        this.tokens = tokens;
    }

    /** Requests per second of {@code /q/health/live} over the baseline duration. */
    double baseline() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(cfg.patchUrl() + "/q/health/live"))
                .timeout(Duration.ofSeconds(10)).build();
        long end = System.nanoTime() + cfg.baselineDuration().toNanos();
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        run(cfg.connections(), () -> {
            while (System.nanoTime() < end) {
                if (send(req).statusCode() == 200) {
                    done.incrementAndGet();
                }
            }
            return null;
        });
        return done.get() / ((System.nanoTime() - t0) / 1e9);
    }

    Figures run(List<String> tags) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notOffered = new AtomicInteger();
        long[] feedback = new long[cfg.connections()];
        long[] errors = new long[cfg.connections()];
        long[] polls = new long[cfg.connections()];
        long[] successes = new long[cfg.connections()];
        List<double[]> latencies = new ArrayList<>();
        String[] firstError = {null};
        long end = System.nanoTime() + cfg.duration().toNanos();
        AtomicInteger worker = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        run(cfg.connections(), () -> {
            int w = worker.getAndIncrement();
            double[] lat = new double[tags.size() * STEPS.length / cfg.connections() + 64];
            int nl = 0;
            String token = tokens.device();
            for (int i; System.nanoTime() < end && (i = next.getAndIncrement()) < tags.size();) {
                String tag = tags.get(i);
                String action = null;
                long since = System.nanoTime();
                while (action == null && System.nanoTime() - since < GIVE_UP_NANOS && System.nanoTime() < end) {
                    polls[w]++;
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(cfg.patchUrl()
                            + "/api/v1/devices/" + tag + "/deployment")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).build());
                    if (r.statusCode() == 200) {
                        action = Api.JSON.readTree(r.body()).path("actionId").asText();
                    } else if (r.statusCode() == 204) {
                        Thread.sleep(5);
                    } else {
                        throw new BenchException("poll of " + tag + " answered " + r.statusCode() + ": "
                                + Api.snippet(r.body()));
                    }
                }
                if (action == null) {
                    notOffered.incrementAndGet();
                    continue;
                }
                URI uri = URI.create(cfg.patchUrl() + "/api/v1/devices/" + tag + "/deployment/" + action
                        + "/feedback");
                for (int s = 0; s < STEPS.length; s++) {
                    long a = System.nanoTime();
                    HttpResponse<String> r = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(STEPS[s])).build());
                    if (nl == lat.length) {
                        lat = Arrays.copyOf(lat, lat.length * 2);
                    }
                    lat[nl++] = (System.nanoTime() - a) / 1e6;
                    if (r.statusCode() == 200) {
                        feedback[w]++;
                        if (s == STEPS.length - 1) {
                            successes[w]++;
                        }
                    } else {
                        errors[w]++;
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = tag + " " + STEPS[s] + " → " + r.statusCode() + ": "
                                        + Api.snippet(r.body());
                            }
                        }
                        break;
                    }
                }
                done.incrementAndGet();
            }
            synchronized (latencies) {
                latencies.add(Arrays.copyOf(lat, nl));
            }
            return null;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Figures(tags.size(), done.get(), notOffered.get(), Arrays.stream(feedback).sum(),
                Arrays.stream(errors).sum(), Arrays.stream(polls).sum(), seconds, all,
                Arrays.stream(successes).sum(), firstError[0], Math.min(tags.size(), next.get()));
    }

    /**
     * The gateway path: each worker takes {@code batch} devices at a time, polls for all of them in one call (again
     * 5 ms later for those whose wave has not opened), then sends the four steps as four feedback calls of one report
     * per device.
     */
    Figures runGateway(List<String> tags, int batch) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notOffered = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long[] feedback = new long[cfg.gatewayConnections()];
        long[] errors = new long[cfg.gatewayConnections()];
        long[] polls = new long[cfg.gatewayConnections()];
        long[] successes = new long[cfg.gatewayConnections()];
        List<double[]> latencies = new ArrayList<>();
        String[] firstError = {null};
        long end = System.nanoTime() + cfg.duration().toNanos();
        AtomicInteger worker = new AtomicInteger();
        long t0 = System.nanoTime();
        URI pollUri = URI.create(cfg.patchUrl() + "/api/v1/devices/poll");
        URI feedbackUri = URI.create(cfg.patchUrl() + "/api/v1/devices/feedback");
        run(cfg.gatewayConnections(), () -> {
            int w = worker.getAndIncrement();
            double[] lat = new double[64];
            int nl = 0;
            String token = tokens.device();
            for (int from; System.nanoTime() < end && (from = next.getAndAdd(batch)) < tags.size();) {
                List<String> chunk = tags.subList(from, Math.min(tags.size(), from + batch));
                List<String> waiting = new ArrayList<>(chunk);
                long since = System.nanoTime();
                // the devices offered their update go through their four steps at once; the others (their wave
                // has not opened) are polled again afterwards, or 5 ms later when none was offered
                while (!waiting.isEmpty() && System.nanoTime() - since < GIVE_UP_NANOS && System.nanoTime() < end) {
                    polls[w]++;
                    String body = Api.JSON.writeValueAsString(java.util.Map.of("tags", waiting));
                    HttpResponse<String> r = send(HttpRequest.newBuilder(pollUri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                    if (r.statusCode() != 200) {
                        throw new BenchException("gateway poll answered " + r.statusCode() + ": "
                                + Api.snippet(r.body()));
                    }
                    java.util.Map<String, String> offered = new java.util.LinkedHashMap<>();
                    Api.JSON.readTree(r.body()).path("actions").forEach(x -> offered.put(x.path("tag").asText(),
                            x.path("action").path("actionId").asText()));
                    waiting.removeIf(offered::containsKey);
                    if (offered.isEmpty()) {
                        Thread.sleep(5);
                        continue;
                    }
                    for (int s = 0; s < STEPS.length; s++) {
                        StringBuilder b = new StringBuilder("{\"reports\":[");
                        String step = STEPS[s].substring(1);
                        boolean first = true;
                        for (var e : offered.entrySet()) {
                            b.append(first ? "" : ",").append("{\"tag\":\"").append(e.getKey())
                                    .append("\",\"actionId\":\"").append(e.getValue()).append("\",").append(step);
                            first = false;
                        }
                        b.append("]}");
                        long t = System.nanoTime();
                        HttpResponse<String> f = send(HttpRequest.newBuilder(feedbackUri)
                                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build());
                        if (nl == lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                        }
                        lat[nl++] = (System.nanoTime() - t) / 1e6;
                        if (f.statusCode() != 200) {
                            errors[w] += offered.size();
                            record(firstError, "gateway feedback " + STEPS[s] + " → " + f.statusCode() + ": "
                                    + Api.snippet(f.body()));
                            break;
                        }
                        for (var res : Api.JSON.readTree(f.body()).path("results")) {
                            if (res.path("status").asInt() == 200) {
                                feedback[w]++;
                                if (s == STEPS.length - 1) {
                                    successes[w]++;
                                }
                            } else {
                                errors[w]++;
                                record(firstError, res.toString());
                            }
                        }
                    }
                    done.addAndGet(offered.size());
                }
                notOffered.addAndGet(waiting.size());
            }
            synchronized (latencies) {
                latencies.add(Arrays.copyOf(lat, nl));
            }
            return null;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Figures(tags.size(), done.get(), notOffered.get(), Arrays.stream(feedback).sum(),
                Arrays.stream(errors).sum(), Arrays.stream(polls).sum(), seconds, all,
                Arrays.stream(successes).sum(), firstError[0], Math.min(tags.size(), next.get()));
    }

    private static void record(String[] firstError, String what) {
        synchronized (firstError) {
            if (firstError[0] == null) {
                firstError[0] = what;
            }
        }
    }

    private interface Work {
        Void call() throws Exception;
    }

    private void run(int threads, Work work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                fs.add(pool.submit(work::call));
            }
            for (Future<Void> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof BenchException b ? b
                    : new BenchException("a load worker failed: " + BenchException.describe(e.getCause()), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchException(req.uri() + " failed: " + BenchException.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
