package io.converge.bench.telemetry;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.HttpIngest;
import io.converge.bench.common.Tokens;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * bench/telemetry-ingest: in one run, (1) COPY of N generated points straight into the point table (baseline),
 * (2) HTTP batch ingest of N other points through telemetry-service, (3) MQTT ingest of N more from several
 * publishers. Prints points/s per phase, the ratio (2)/(1), and checks that the table holds every point sent.
 * Targets (2-core machine): ratio >= 0.5, MQTT >= 30,000 points/s, 0 lost. Exit 0 when met, 1 when not, 2 when the
 * benchmark could not run (set-up problem, printed).
 */
public final class TelemetryIngestBench {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MS = 200;

    private final Config cfg;
    private final Instant runStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String runId = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
            .format(runStart);
    private final String prefix = "bench_r" + runId + "_";
    /** Sample times of the measured points: the WINDOW_HOURS before (start - 1 min); probes use the last minute. */
    private final Instant windowEnd = runStart.minusSeconds(60);
    private final Instant windowStart;

    private TelemetryIngestBench(Config cfg) {
        this.cfg = cfg;
        this.windowStart = windowEnd.minus(cfg.window());
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new TelemetryIngestBench(Config.fromEnv(System.getenv())).run();
        } catch (BenchException e) {
            System.out.flush();
            System.err.println("telemetry-ingest: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private static void log(String s) {
        System.out.println("==> " + s);
    }

    private int run() {
        printHeader();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api(http, "telemetry-ingest", Duration.ofSeconds(30));
        Tokens tokens = new Tokens(http, cfg.realm());
        try (Db db = Db.connect(cfg)) {
            if (cfg.needsService()) {
                try {
                    preflight(api, tokens);
                } catch (BenchException e) {
                    throw new BenchException(e.getMessage() + "\n  (PHASES=copy runs the database baseline alone)", e);
                }
            }
            List<PointSet.Asset> assets = Assets.resolve(cfg, api, tokens, TelemetryIngestBench::log);
            List<PhaseResult> results = new ArrayList<>();
            MqttPhase mqtt = null;
            try {
                if (cfg.runs("mqtt")) {
                    mqtt = new MqttPhase(cfg, runId);   // broker problems show before any phase runs
                }
                if (cfg.runs("copy")) {
                    results.add(guard("copy", () -> copyPhase(db, assets)));
                }
                if (cfg.runs("http")) {
                    results.add(guard("http", () -> httpPhase(db, assets, tokens)));
                }
                if (mqtt != null) {
                    MqttPhase m = mqtt;
                    results.add(guard("mqtt", () -> mqttPhase(db, assets, m)));
                }
            } finally {
                if (mqtt != null) {
                    mqtt.close();
                }
                cleanup(db, assets);
            }
            return Report.print(cfg, results);
        }
    }

    private void printHeader() {
        System.out.printf(Locale.ROOT, "telemetry-ingest: N=%,d points per phase (%s), %d assets x %d metrics, "
                        + "sample times %s .. %s, run %s%n", cfg.points(), String.join(", ", cfg.phases()),
                cfg.assets(), cfg.metrics(), windowStart, windowEnd, prefix + "*");
        System.out.printf(Locale.ROOT, "  copy: %d connection(s)   http: %,d points/request, %d connections, %s   "
                        + "mqtt: %d publishers, %d points/message, QoS %d, in-flight %d, backlog %s messages   "
                        + "warm-up: %,d points/phase%n",
                cfg.copyConnections(), cfg.httpBatch(), cfg.httpConnections(),
                cfg.ndjson() ? "application/x-ndjson" : "application/json", cfg.mqttPublishers(), cfg.mqttBatch(),
                cfg.mqttQos(), cfg.mqttInflight(), cfg.mqttBacklog() > 0 ? fmt(cfg.mqttBacklog()) : "unlimited",
                cfg.warmup());
    }

    /** The suite must be up for HTTP and MQTT: telemetry-service ready and a device token. */
    private void preflight(Api api, Tokens tokens) {
        Api.Answer health = api.call("telemetry-service", "GET", cfg.telemetryUrl() + "/q/health/ready", null, null);
        if (health.status() != 200) {
            throw new BenchException("telemetry-service at " + cfg.telemetryUrl() + " is not ready (GET /q/health/ready "
                    + "answered " + health.status() + ": " + Api.snippet(health.raw()) + ")");
        }
        tokens.device();
    }

    private interface PhaseBody {
        PhaseResult run();
    }

    /** A phase that fails reports its error in the table; the following phases still run. */
    private PhaseResult guard(String phase, PhaseBody body) {
        try {
            return body.run();
        } catch (BenchException e) {
            System.out.println("!!! " + phase + " failed: " + e.getMessage());
            return PhaseResult.failed(phase, cfg.points(), e.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            return PhaseResult.failed(phase, cfg.points(), e.toString());
        }
    }

    private PointSet set(String label, int n, List<PointSet.Asset> assets) {
        return new PointSet(prefix, label, n, assets, cfg.metrics(), windowStart, cfg.window().toMillis());
    }

    /** One point per asset at a time of the last minute, for probes (attempt-specific metric). */
    private PointSet probeSet(String label, int attempt, List<PointSet.Asset> assets) {
        return new PointSet(prefix, label + attempt, assets.size(), assets, 1,
                windowEnd.plusSeconds(1 + attempt % 50), 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (1) COPY baseline

    private PhaseResult copyPhase(Db db, List<PointSet.Asset> assets) {
        if (cfg.warmup() > 0) {
            log("copy: warm-up, " + fmt(Math.min(cfg.warmup(), cfg.points())) + " rows");
            CopyPhase.copy(db, set("warm_copy", Math.min(cfg.warmup(), cfg.points()), assets), cfg.copyConnections());
        }
        PointSet s = set("copy", cfg.points(), assets);
        log("copy: COPY " + fmt(s.n) + " rows into point");
        double seconds = CopyPhase.copy(db, s, cfg.copyConnections());
        long rows = db.count(s);
        return new PhaseResult("copy", s.n, seconds, rows, "", List.of(), null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (2) HTTP batch ingest

    private PhaseResult httpPhase(Db db, List<PointSet.Asset> assets, Tokens tokens) {
        HttpIngest h = new HttpIngest(cfg.telemetryUrl(), tokens, cfg.ndjson());
        // probe until the service accepts points for the bench assets (it may learn new assets asynchronously)
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        for (int attempt = 0; ; attempt++) {
            PointSet probe = probeSet("probe_http", attempt, assets);
            HttpIngest.Totals t = h.send(probe.httpBodies(probe.n, cfg.ndjson()), 1);
            if (t.accepted.get() + t.duplicates.get() == probe.n) {
                break;
            }
            if (attempt == 0) {
                log("http: telemetry-service rejects the bench assets so far (" + String.join("; ", t.errors)
                        + "); retrying for up to " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("telemetry-service keeps rejecting points for the bench assets after "
                        + PROBE_TIMEOUT.toSeconds() + " s: " + String.join("; ", t.errors));
            }
            BenchException.sleep(2000);
        }
        if (cfg.warmup() > 0) {
            int w = Math.min(cfg.warmup(), cfg.points());
            log("http: warm-up, " + fmt(w) + " points");
            h.send(set("warm_http", w, assets).httpBodies(cfg.httpBatch(), cfg.ndjson()), cfg.httpConnections());
        }
        PointSet s = set("http", cfg.points(), assets);
        List<byte[]> bodies = s.httpBodies(cfg.httpBatch(), cfg.ndjson());
        log("http: POST " + fmt(s.n) + " points in " + fmt(bodies.size()) + " requests over "
                + cfg.httpConnections() + " connections");
        HttpIngest.Totals t = h.send(bodies, cfg.httpConnections());
        long rows = db.count(s);
        List<String> problems = new ArrayList<>();
        if (t.accepted.get() != s.n) {
            problems.add("sum of accepted " + fmt(t.accepted.get()) + " != " + fmt(s.n) + " sent");
        }
        problems.addAll(t.errors);
        String notes = String.format(Locale.ROOT, "accepted %s, duplicates %s, rejected %s; %s requests, %s retries",
                fmt(t.accepted.get()), fmt(t.duplicates.get()), fmt(t.rejected.get()), fmt(t.requests.get()),
                fmt(t.retries.get()));
        return new PhaseResult("http", s.n, t.seconds, rows, notes, problems, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (3) MQTT ingest

    private PhaseResult mqttPhase(Db db, List<PointSet.Asset> assets, MqttPhase mqtt) {
        long timeoutMs = cfg.mqttTimeout().toMillis();
        // probe: one message per asset until they show up in the table (the service is subscribed and accepts them)
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        for (int attempt = 0; ; attempt++) {
            PointSet probe = probeSet("probe_mqtt", attempt, assets);
            List<String> failures = mqtt.publish(probe, probe.mqttMessages(1), timeoutMs, 0, () -> 0);
            if (!failures.isEmpty()) {
                throw new BenchException("MQTT publish failed: " + String.join("; ", failures));
            }
            if (waitForRows(db, probe, 5_000) >= 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("no MQTT point reached the table within " + PROBE_TIMEOUT.toSeconds()
                        + " s (published to " + mqtt.topic(assets.get(0).tag()) + " at " + cfg.mqttUrl()
                        + "): is telemetry-service subscribed to converge/+/+/telemetry, and does it accept the bench"
                        + " assets? (see ./converge logs telemetry-service)");
            }
        }
        if (cfg.warmup() > 0) {
            int w = Math.min(cfg.warmup(), cfg.points());
            log("mqtt: warm-up, " + fmt(w) + " points");
            PointSet warm = set("warm_mqtt", w, assets);
            Delivery d = deliver(db, mqtt, warm, warm.mqttMessages(cfg.mqttBatch()));
            if (d.completeNanos() < 0) {
                throw new BenchException("warm-up: only " + fmt(d.rows()) + " of " + fmt(w) + " MQTT points reached "
                        + "the table within " + cfg.mqttTimeout().toSeconds() + " s" + queueHint());
            }
        }
        PointSet s = set("mqtt", cfg.points(), assets);
        List<PointSet.Message> messages = s.mqttMessages(cfg.mqttBatch());
        log("mqtt: publish " + fmt(s.n) + " points in " + fmt(messages.size()) + " messages from "
                + cfg.mqttPublishers() + " publishers" + (cfg.mqttBacklog() > 0 ? ", at most " + fmt(backlogPoints())
                + " points ahead of the table" : "") + ", until the rows are in");
        Delivery d = deliver(db, mqtt, s, messages);
        double publishSeconds = (d.publishedNanos() - d.startNanos()) / 1e9;
        if (d.completeNanos() < 0) {
            return new PhaseResult("mqtt", s.n, Double.NaN, d.rows(), "", List.of(), "only " + fmt(d.rows()) + " of "
                    + fmt(s.n) + " rows in the table " + cfg.mqttTimeout().toSeconds() + " s after the broker "
                    + "acknowledged the last message (" + fmt(s.n - d.rows()) + " lost or stuck)" + queueHint());
        }
        double seconds = (d.completeNanos() - d.startNanos()) / 1e9;
        String notes = String.format(Locale.ROOT, "last message acked by the broker at %.2f s; rows complete %.2f s "
                + "later (rows polled every %d ms: %s)", publishSeconds, (d.completeNanos() - d.publishedNanos()) / 1e9,
                POLL_MS, d.watchStats());
        return new PhaseResult("mqtt", s.n, seconds, d.rows(), notes, List.of(), null);
    }

    private long backlogPoints() {
        return (long) cfg.mqttBacklog() * cfg.mqttBatch();
    }

    private String queueHint() {
        return cfg.mqttBacklog() > 0 && cfg.mqttBacklog() < 1000 ? ""
                : "; with MQTT_BACKLOG=" + cfg.mqttBacklog() + " the broker may have dropped messages for the service's"
                        + " subscription (Mosquitto max_queued_messages, default 1000)";
    }

    /** Times of one MQTT delivery (System.nanoTime(); completeNanos -1 when the rows did not all arrive). */
    private record Delivery(long startNanos, long publishedNanos, long completeNanos, long rows, String watchStats) {
    }

    /**
     * Publishes the messages while a watcher counts the set's rows every POLL_MS (the count also paces the publishers,
     * see MQTT_BACKLOG); returns when the rows are complete, or MQTT_TIMEOUT after the last broker acknowledgement.
     */
    private Delivery deliver(Db db, MqttPhase mqtt, PointSet s, List<PointSet.Message> messages) {
        RowWatch watch = new RowWatch(db, s, 100);
        AtomicLong stored = new AtomicLong();
        AtomicLong complete = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> watchError = new AtomicReference<>();
        Thread watcher = Thread.ofPlatform().name("row-watch").start(() -> {
            try {
                while (!stop.get()) {
                    long rows = watch.poll();
                    stored.set(rows);
                    if (rows >= s.n) {
                        complete.set(System.nanoTime());
                        return;
                    }
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                watchError.set(e);
            }
        });
        long t0 = System.nanoTime();
        List<String> failures = mqtt.publish(s, messages, cfg.mqttTimeout().toMillis(), backlogPoints(),
                () -> watchError.get() != null ? Long.MAX_VALUE / 2 : stored.get());
        long tPublished = System.nanoTime();
        try {
            if (failures.isEmpty()) {
                watcher.join(cfg.mqttTimeout());
            }
            stop.set(true);
            watcher.interrupt();
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        if (watchError.get() != null) {
            throw watchError.get();
        }
        if (!failures.isEmpty()) {
            throw new BenchException("MQTT publish failed: " + String.join("; ", failures));
        }
        return new Delivery(t0, tPublished, complete.get(), db.count(s), watch.stats());
    }

    /** Polls the row count of the set until it is complete; returns System.nanoTime() then, or -1 on timeout. */
    private long waitForRows(Db db, PointSet s, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        long lastReport = System.nanoTime();
        RowWatch watch = new RowWatch(db, s, 100);
        while (true) {
            long rows = watch.poll();
            long now = System.nanoTime();
            if (rows >= s.n) {
                return now;
            }
            if (now > deadline) {
                return -1;
            }
            if (now - lastReport > 10_000_000_000L) {
                log("  " + s.label + ": " + fmt(rows) + " of " + fmt(s.n) + " rows so far");
                lastReport = now;
            }
            BenchException.sleep(POLL_MS);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void cleanup(Db db, List<PointSet.Asset> assets) {
        String where = "starts_with(metric, '" + prefix + "')";
        if (cfg.keep()) {
            log("KEEP=1: bench rows kept; remove them with: DELETE FROM point WHERE " + where + ";"
                    + " DELETE FROM latest_point WHERE " + where + ";");
            return;
        }
        long t0 = System.nanoTime();
        try {
            long deleted = db.cleanup(prefix, assets, windowStart, runStart.plusSeconds(60));
            log(String.format(Locale.ROOT, "cleanup: deleted %s bench rows (%s) in %.1f s", fmt(deleted), where,
                    (System.nanoTime() - t0) / 1e9));
        } catch (BenchException e) {
            System.out.println("!!! cleanup failed: " + e.getMessage());
        }
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
