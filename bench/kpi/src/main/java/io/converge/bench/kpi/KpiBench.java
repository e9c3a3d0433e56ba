package io.converge.bench.kpi;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.HttpIngest;
import io.converge.bench.common.Tokens;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * bench/kpi: N machine-like points of one line through telemetry-service (phase A, the telemetry ingest rate R_t, with
 * the main kpi-service consuming live), the same points drained from Kafka by a second kpi-service instance (phase B,
 * the streaming rate R_k), and the line's OEE in 1 h buckets from the stored windows against one scan of the raw
 * points (phase C). Targets: R_k / R_t >= 1, OEE query median and p95 < 1 s. Exit 2 when the run could not be done,
 * 1 when a target is missed and STRICT=1, else 0.
 */
public final class KpiBench {

    private static final int WARMUP_POINTS = 20_000;

    private final Config cfg;
    private final Instant runStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String runId = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
            .format(runStart);

    private KpiBench(Config cfg) {
        this.cfg = cfg;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new KpiBench(Config.fromEnv(System.getenv())).run();
        } catch (BenchException e) {
            System.out.flush();
            System.err.println("bench/kpi: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    static void log(String s) {
        System.out.println("==> " + s);
    }

    private int run() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api(http, "kpi", Duration.ofSeconds(60));
        Tokens tokens = new Tokens(http, cfg.realm());
        for (String[] s : new String[][] {{"asset-service", cfg.assetUrl()}, {"telemetry-service", cfg.telemetryUrl()},
                {"kpi-service", cfg.kpiUrl()}}) {
            Api.Answer h = api.call(s[0], "GET", s[1] + "/q/health/ready", null, null);
            if (h.status() != 200) {
                throw new BenchException(s[0] + " at " + s[1] + " is not ready: " + Api.snippet(h.raw()));
            }
        }
        tokens.device();
        Line line = Line.register(cfg, api, tokens, KpiBench::log);
        Plant plant = new Plant(line.tags(), cfg.points(), cfg.httpBatch(), runStart.minusSeconds(60));
        System.out.printf(Locale.ROOT, "bench/kpi: N=%,d points, line %s (%s), %d assets, %s .. %s (%.1f h per asset),"
                        + " %,d requests of %,d points over %d connections, run %s%n", plant.n, Config.LINE,
                line.lineId, line.assets.size(), plant.first, plant.last, plant.span().toSeconds() / 3600.0,
                plant.bodies.size(), cfg.httpBatch(), cfg.httpConnections(), runId);
        try (Db kpi = new Db(cfg, "kpi"); Db telemetry = new Db(cfg, "telemetry"); Offsets kafka = new Offsets(cfg)) {
            clean(kpi, telemetry, line, "before the run");
            log("waiting until kpi-service knows the bench assets on their line (converge.asset.events)");
            waitFor(() -> kpi.assetsOnLine(line.ids(), line.lineId) == line.assets.size(), "kpi-service to learn the "
                    + "bench assets (kpi_asset)");
            String order = "BENCH-KPI-" + runId;
            long planned = Math.round(plant.expectedGood(Instant.MIN, Instant.MAX));
            Instant orderFrom = plant.first.truncatedTo(ChronoUnit.HOURS);
            Instant orderTo = plant.last.plusSeconds(3600);
            line.bind(api, tokens, cfg.kpiUrl());
            line.order(api, tokens, cfg.kpiUrl(), order, planned, orderFrom, orderTo);
            BenchInstance inst = new BenchInstance(cfg, "kpi-bench-" + runId);
            try {
                if (cfg.phaseB()) {
                    prepare(api, tokens, kafka, inst, line, order, planned, orderFrom, orderTo);
                }
                warmUp(api, tokens, line, plant);
                Map<TopicPartition, Long> start = kafka.ends();
                log(String.format(Locale.ROOT, "A: POST %,d points to telemetry-service; kpi-service consumes live",
                        plant.n));
                Phases.Live live = Phases.live(cfg, api, tokens, line, plant);
                log(String.format(Locale.ROOT, "A: %,d records on %s for the run", Offsets.sum(kafka.ends())
                        - Offsets.sum(start), Offsets.TOPIC));
                Phases.Drain drain = null;
                String drainError = null;
                if (cfg.phaseB()) {
                    log("B: second kpi-service (port " + cfg.benchPort() + ", database " + cfg.benchDb() + ", group "
                            + inst.group + ") drains the run's records from Kafka");
                    try {
                        drain = Phases.drain(cfg, api, kafka, start, inst, line, plant);
                    } catch (BenchException e) {
                        drainError = e.getMessage();
                        System.out.println("!!! phase B failed: " + e.getMessage());
                    } finally {
                        inst.stop();
                    }
                }
                Query.Result query = Query.run(cfg, api, tokens, line, plant);
                boolean met = Report.print(cfg, plant, live, drain, drainError, query);
                return met || !cfg.strict() ? 0 : 1;
            } finally {
                inst.stop();
                finish(kafka, kpi, telemetry, line, inst);
            }
        }
    }

    /**
     * The bench instance's state before the timed phases: an empty database, its consumer group at the topic's end, a
     * first start to learn the assets (it reads converge.asset.events from the start) and take the binding and the
     * order through its REST API, then stopped. Phase B starts it again with the group moved back to the run's start.
     */
    private void prepare(Api api, Tokens tokens, Offsets kafka, BenchInstance inst, Line line, String order,
            long planned, Instant from, Instant to) {
        log("B (set-up): database " + cfg.benchDb() + " recreated; bench kpi-service started once to learn the assets"
                + " and take the binding and the order");
        Db.recreate(cfg, cfg.benchDb());
        kafka.set(inst.group, kafka.ends());
        try {
            Files.deleteIfExists(Path.of(cfg.logDir(), "kpi-bench-instance.log"));
        } catch (java.io.IOException ignored) {
            // appended to
        }
        inst.start();
        try {
            inst.waitReady(api, Duration.ofSeconds(180));
            try (Db bench = new Db(cfg, cfg.benchDb())) {
                waitFor(() -> {
                    inst.checkAlive();
                    return bench.assetsOnLine(line.ids(), line.lineId) == line.assets.size();
                }, "the bench instance to learn the bench assets");
            }
            line.bind(api, tokens, inst.url);
            line.order(api, tokens, inst.url, order, planned, from, to);
        } finally {
            inst.stop();
        }
    }

    /**
     * Probe until telemetry-service accepts the bench assets, then WARMUP points of an unbound metric (kpi-service
     * reads and skips them) so the JIT and pools are warm; both before the run's start offsets are taken.
     */
    private void warmUp(Api api, Tokens tokens, Line line, Plant plant) {
        HttpIngest ingest = new HttpIngest(cfg.telemetryUrl(), tokens, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String kpiMetrics = cfg.kpiUrl() + "/q/metrics";
        double consumed0 = Api.metric(api.text(kpiMetrics), Phases.CONSUMED);
        int sent = 0;
        for (int attempt = 0; ; attempt++) {
            StringBuilder sb = new StringBuilder("[");
            for (String tag : line.tags()) {
                sb.append(sb.length() > 1 ? "," : "").append("{\"asset\":\"").append(tag)
                        .append("\",\"metric\":\"bench.probe\",\"ts\":\"")
                        .append(beforeRange(plant).minusSeconds(attempt)).append("\",\"value\":1}");
            }
            HttpIngest.Totals t = ingest.send(List.of(sb.append(']').toString().getBytes()), 1);
            sent += line.tags().size();
            if (t.accepted.get() + t.duplicates.get() == line.tags().size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("telemetry-service keeps rejecting the bench assets: " + t.errors);
            }
            BenchException.sleep(2000);
        }
        int w = Math.min(WARMUP_POINTS, plant.n);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < w; i++) {
            sb.append(sb.length() > 1 ? "," : "").append("{\"asset\":\"").append(line.tags().get(i % line.tags().size()))
                    .append("\",\"metric\":\"bench.warmup\",\"ts\":\"")
                    .append(beforeRange(plant).plusMillis(i)).append("\",\"value\":").append(i).append('}');
            if ((i + 1) % cfg.httpBatch() == 0 || i == w - 1) {
                ingest.send(List.of(sb.append(']').toString().getBytes()), 1);
                sb.setLength(0);
                sb.append('[');
            }
        }
        int expected = sent + w;
        log(String.format(Locale.ROOT, "warm-up: %,d points of an unbound metric; waiting until kpi-service consumed "
                + "them", w));
        waitFor(() -> Api.metric(api.text(kpiMetrics), Phases.CONSUMED) >= consumed0 + expected,
                "kpi-service to consume the warm-up points");
    }

    /** Probe and warm-up times: an hour before the queried range, so the baseline scan does not count them. */
    private static Instant beforeRange(Plant plant) {
        return plant.first.truncatedTo(ChronoUnit.HOURS).minusSeconds(3600);
    }

    private void clean(Db kpi, Db telemetry, Line line, String when) {
        kpi.cleanKpi(line.ids());
        long points = telemetry.cleanTelemetry(line.ids());
        log("clean-up " + when + ": the bench assets' KPI samples, clocks and windows, bench orders, and "
                + String.format(Locale.ROOT, "%,d", points) + " raw points");
    }

    private void finish(Offsets kafka, Db kpi, Db telemetry, Line line, BenchInstance inst) {
        if (cfg.phaseB()) {
            // the instance's asset-view group is per process (…-assets-<uuid>): Kafka expires it once empty
            String err = kafka.delete(List.of(inst.group));
            if (err != null) {
                log("could not delete consumer group " + inst.group + ": " + err);
            }
        }
        if (cfg.keep()) {
            log("KEEP=1: the bench data stays (kpi, telemetry, database " + cfg.benchDb() + ")");
            return;
        }
        try {
            if (cfg.phaseB()) {
                Db.drop(cfg, cfg.benchDb());
            }
            clean(kpi, telemetry, line, "after the run");
        } catch (BenchException e) {
            System.out.println("!!! clean-up failed: " + e.getMessage());
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition, String what) {
        if (Follow.until(condition, System.nanoTime() + Duration.ofSeconds(120).toNanos(), 250) < 0) {
            throw new BenchException("timed out after 120 s waiting for " + what);
        }
    }
}
