package io.converge.bench.kpi;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.HttpIngest;
import io.converge.bench.common.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Phase A (telemetry ingest of the N points over HTTP while the main kpi-service consumes them live) and phase B (a
 * second kpi-service instance drains the same points as a backlog from Kafka).
 */
final class Phases {

    static final String CONSUMED = "converge_kpi_points_consumed_total";
    static final String LATE = "converge_kpi_points_late_total";
    static final String DEAD = "converge_kpi_records_dead_lettered_total";

    /**
     * Phase A figures; times in seconds from the first ingest request (-1: not reached before TIMEOUT).
     *
     * @param kpiSeconds     every asset's kpi clock at its last sample
     * @param minuteSeconds  every asset's last closable 1-min window stored
     * @param hourSeconds    every asset's last closable 1-h window stored
     */
    record Live(int points, HttpIngest.Totals totals, double kpiSeconds, double minuteSeconds, double hourSeconds,
            long consumed, long late, long deadLettered, List<String> problems) {

        double ingestRate() {
            return points / totals.seconds;
        }
    }

    /**
     * Phase B figures.
     *
     * @param drainSeconds   from the instance's first consumed batch (processed_event) to all N points consumed
     * @param bootSeconds    from the process launch to its first consumed batch
     * @param minuteSeconds  from its first batch to every asset's last closable 1-min window stored (-1: timeout)
     */
    record Drain(int points, double drainSeconds, double bootSeconds, long consumed, double minuteSeconds,
            long late, long logErrors, List<String> problems) {

        double rate() {
            return points / drainSeconds;
        }
    }

    private Phases() {
    }

    static Live live(Config c, Api api, Tokens tokens, Line line, Plant plant) {
        String metrics = c.kpiUrl() + "/q/metrics";
        String before = api.text(metrics);
        long deadline = System.nanoTime() + c.timeout().toNanos();
        AtomicLong tClock = new AtomicLong(-1);
        AtomicLong tMinute = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        List<String> problems = new ArrayList<>();
        Thread watcher = Thread.ofPlatform().name("kpi-watch").start(() -> {
            try (Db kpi = new Db(c, "kpi")) {
                while (!stop.get() && System.nanoTime() < deadline && (tClock.get() < 0 || tMinute.get() < 0)) {
                    if (tClock.get() < 0 && Follow.clocksDone(kpi, line, plant)) {
                        tClock.set(System.nanoTime());
                    }
                    if (tMinute.get() < 0 && Follow.windowsDone(kpi, line, plant, 60)) {
                        tMinute.set(System.nanoTime());
                    }
                    BenchException.sleep(100);
                }
            } catch (RuntimeException e) {
                synchronized (problems) {
                    problems.add("kpi watcher: " + e.getMessage());
                }
            }
        });
        long t0 = System.nanoTime();
        HttpIngest.Totals t;
        try {
            t = new HttpIngest(c.telemetryUrl(), tokens, false).send(plant.bodies, c.httpConnections());
        } catch (RuntimeException e) {
            stop.set(true);
            throw e;
        }
        KpiBench.log(String.format(java.util.Locale.ROOT, "A: %,d points ingested in %.2f s; waiting for kpi-service",
                plant.n, t.seconds));
        try {
            watcher.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        stop.set(true);
        long tHour;
        try (Db kpi = new Db(c, "kpi")) {
            tHour = Follow.until(() -> Follow.windowsDone(kpi, line, plant, 3600), deadline, 200);
        }
        String after = api.text(metrics);
        if (t.accepted.get() != plant.n) {
            problems.add("telemetry accepted " + t.accepted.get() + " of " + plant.n + " points: " + t.errors);
        }
        if (tClock.get() < 0) {
            problems.add("kpi-service did not take every point within TIMEOUT=" + c.timeout().toSeconds() + " s");
        }
        return new Live(plant.n, t, secs(t0, tClock.get()), secs(t0, tMinute.get()), secs(t0, tHour),
                delta(before, after, CONSUMED), delta(before, after, LATE), delta(before, after, DEAD), problems);
    }

    static Drain drain(Config c, Api api, Offsets kafka, Map<TopicPartition, Long> start, BenchInstance inst,
            Line line, Plant plant) {
        kafka.set(inst.group, start);
        List<String> problems = new ArrayList<>();
        Instant launched = inst.start();
        long deadline = System.nanoTime() + c.timeout().toNanos();
        String metrics = inst.url + "/q/metrics";
        try (Db bench = new Db(c, c.benchDb())) {
            long tDone = Follow.until(() -> {
                inst.checkAlive();
                return Api.metric(api.text(metrics), CONSUMED) >= plant.n && Follow.clocksDone(bench, line, plant);
            }, deadline, 100);
            Instant done = Instant.now();
            String text = api.text(metrics);
            Instant first = bench.firstProcessed(launched);
            if (tDone < 0 || first == null) {
                throw new BenchException("the bench instance did not consume the " + plant.n + " points within TIMEOUT="
                        + c.timeout().toSeconds() + " s (consumed " + (long) Api.metric(text, CONSUMED) + ")");
            }
            long tMinute = Follow.until(() -> Follow.windowsDone(bench, line, plant, 60), deadline, 200);
            double minute = tMinute < 0 ? -1 : (tMinute - tDone) / 1e9 + Duration.between(first, done).toMillis() / 1e3;
            long late = (long) Api.metric(text, LATE);
            if (late > 0) {
                problems.add(late + " points dropped as late by the bench instance");
            }
            return new Drain(plant.n, Duration.between(first, done).toMillis() / 1e3,
                    Duration.between(launched, first).toMillis() / 1e3, (long) Api.metric(text, CONSUMED), minute,
                    late, inst.errors(), problems);
        }
    }

    private static double secs(long t0, long t) {
        return t < 0 ? -1 : (t - t0) / 1e9;
    }

    private static long delta(String before, String after, String name) {
        double a = Api.metric(after, name);
        double b = Api.metric(before, name);
        return a < 0 ? -1 : (long) (a - Math.max(0, b));
    }
}
