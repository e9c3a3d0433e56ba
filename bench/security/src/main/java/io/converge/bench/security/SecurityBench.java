package io.converge.bench.security;

import io.converge.bench.common.Env;

/**
 * bench/security: (A) rule evaluation per core over the shipped rule set; (B) event-in → alert-stored latency through
 * Kafka at a fixed rate. Prints the figures, the ratios against the baselines of the same run, a verdict and a row
 * for bench/RESULTS.md.
 */
public final class SecurityBench {

    private SecurityBench() {
    }

    public static void main(String[] args) throws Exception {
        Env env = new Env(System.getenv());
        int events = env.integer("EVENTS", 200_000, 1000);
        int runs = env.integer("RUNS", 5, 1);
        int rate = env.integer("RATE", 5000, 1);
        int seconds = env.integer("DURATION", 60, 1);
        boolean strict = env.flag("STRICT");
        String kafka = env.str("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String jdbc = env.str("SECURITY_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/security");

        RuleEvalPhase.Result a = RuleEvalPhase.run(events, runs);
        System.out.printf("A  rule evaluation: %d rules, %d events, median of %d runs on one thread:"
                + " %,.0f events/s (floor loop %,.0f/s, ratio floor/eval %.1f), %d matches per run%n",
                a.rules(), a.events(), runs, a.eventsPerSecond(), a.floorPerSecond(),
                a.floorPerSecond() / a.eventsPerSecond(), a.matches());
        boolean okA = a.eventsPerSecond() >= 20_000;

        boolean okB = true;
        boolean measuredB = !env.flag("SKIP_KAFKA");
        int warmup = env.integer("WARMUP", 20, 0);
        if (measuredB && warmup > 0) {
            // the same load for a while first (JIT, connection pools, consumer assignment), reported, not judged
            LatencyPhase.Result w = LatencyPhase.run(kafka, jdbc, rate, warmup);
            System.out.printf("B0 warm-up, %d events/s for %d s: sent %d, stored %d; p99 stored %.0f ms, visible %.0f ms"
                    + " (Kafka alone p99 %.0f ms)%n", w.rate(), w.seconds(), w.sent(), w.stored(), w.latencyMs()[2],
                    w.visibleMs()[2], w.kafkaMs()[2]);
        }
        if (measuredB) {
            LatencyPhase.Result b = LatencyPhase.run(kafka, jdbc, rate, seconds);
            double[] l = b.latencyMs();
            double[] v = b.visibleMs();
            double[] k = b.kafkaMs();
            System.out.printf("B  Kafka → alert stored: %d events/s for %d s: sent %d, stored %d, alert 100100 counted"
                    + " %d more; latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms"
                    + " (Kafka alone, produce → consume: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms over %.0f records)%n",
                    b.rate(), b.seconds(), b.sent(), b.stored(), b.alertDelta(), l[0], l[1], l[2], l[3], k[0], k[1],
                    k[2], k[3]);
            System.out.printf("   sent → alert committed and visible (n-th sent vs n-th counted, sampled every %d ms):"
                    + " p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", LatencyPhase.SAMPLE_MS, v[0], v[1],
                    v[2], v[3]);
            double p99 = Math.max(l[2], v[2]);
            okB = p99 < 500 && b.stored() == b.sent() && b.alertDelta() >= b.sent();
            System.out.printf("| security | rule eval %,.0f ev/s/core (floor %,.0f) | p99 Kafka→alert %.0f ms (stored)"
                    + " / %.0f ms (visible) at %d ev/s (Kafka alone p99 %.0f ms) | %d sent, %d stored |%n",
                    a.eventsPerSecond(), a.floorPerSecond(), l[2], v[2], b.rate(), k[2], b.sent(), b.stored());
        }
        System.out.println("verdict: rule evaluation " + (okA ? "meets" : "MISSES") + " >= 20,000 events/s per core; "
                + (measuredB ? "latency " + (okB ? "meets" : "MISSES") + " p99 < 500 ms at the rate (the worse of stored and"
                        + " visible), nothing lost"
                        : "latency not measured (SKIP_KAFKA=1)"));
        System.exit(strict && !(okA && okB) ? 1 : 0);
    }
}
