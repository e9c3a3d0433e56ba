package io.converge.bench.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per route: how many, each one's latency, and every failure by kind (an HTTP status other than 2xx, "io"
 * for a connection failure or timeout, or a refusal inside a 200 answer such as a rejected point). Routes are listed
 * in the order they were first used.
 */
final class Stats {

    /** One route's figures (a snapshot). */
    record Route(String name, long requests, Map<String, Long> failures, double[] sortedMs, String firstFailure) {
        long errors() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        double percentile(double p) {
            if (sortedMs.length == 0) {
                return Double.NaN;
            }
            return sortedMs[Math.min(sortedMs.length - 1, Math.max(0, (int) Math.ceil(p / 100 * sortedMs.length) - 1))];
        }
    }

    private static final class Recorder {
        private long requests;
        private double[] ms = new double[1024];
        private int n;
        private final Map<String, Long> failures = new TreeMap<>();
        private String firstFailure;

        synchronized void add(double latencyMs, String failure, String detail) {
            requests++;
            if (n == ms.length) {
                ms = Arrays.copyOf(ms, n * 2);
            }
            ms[n++] = latencyMs;
            if (failure != null) {
                failures.merge(failure, 1L, Long::sum);
                if (firstFailure == null) {
                    firstFailure = failure + ": " + detail;
                }
            }
        }

        synchronized void fail(String failure, String detail) {
            failures.merge(failure, 1L, Long::sum);
            if (firstFailure == null) {
                firstFailure = failure + ": " + detail;
            }
        }

        synchronized Route snapshot(String name) {
            double[] s = Arrays.copyOf(ms, n);
            Arrays.sort(s);
            return new Route(name, requests, new TreeMap<>(failures), s, firstFailure);
        }
    }

    private final Map<String, Recorder> routes = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    /** A request answered (or failed) after latencyMs; failure null when it succeeded. */
    void record(String route, double latencyMs, String failure, String detail) {
        recorder(route).add(latencyMs, failure, detail);
    }

    /** A failure found inside an answer already recorded (e.g. a point rejected in a 200 answer). */
    void fail(String route, String failure, String detail) {
        recorder(route).fail(failure, detail);
    }

    List<Route> snapshot() {
        List<Route> out = new ArrayList<>();
        synchronized (order) {
            for (String r : order) {
                Recorder rec = routes.get(r);
                if (rec != null) {   // null only while its first request is being recorded
                    out.add(rec.snapshot(r));
                }
            }
        }
        return out;
    }

    /** Requests so far per route (for the progress lines). */
    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Route r : snapshot()) {
            out.put(r.name(), r.requests());
        }
        return out;
    }

    private Recorder recorder(String route) {
        return routes.computeIfAbsent(route, r -> {
            order.add(r);
            return new Recorder();
        });
    }
}
