package io.converge.bench.soak;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * bench/soak: SOAK_MINUTES (10) of mixed load through the gateway with real tokens — telemetry ingest, queries,
 * firmware campaigns with device feedback and security events, all at once — while the memory of every component is
 * sampled. Reports requests, errors, p50/p95/p99 per route, the rates achieved, RSS per component (flat or not) and
 * whether what was acknowledged was stored. Exit 2 when the run could not be done, 1 when a target is missed and
 * STRICT=1, else 0.
 */
public final class SoakBench {

    private final Config cfg;
    private final String runId = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
            .format(Instant.now());

    private SoakBench(Config cfg) {
        this.cfg = cfg;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new SoakBench(Config.fromEnv(System.getenv())).run();
        } catch (BenchException e) {
            System.out.flush();
            System.err.println("bench/soak: " + e.getMessage());
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
        Api api = new Api(http, "soak", Duration.ofSeconds(120));
        Tokens tokens = new Tokens(http, cfg.realm());
        Stats stats = new Stats();
        Traffic traffic = new Traffic(http, stats, Duration.ofSeconds(30));
        Readiness.check(cfg, api);
        String engineer = tokens.engineer();

        log("the soak's plant (SOAK…): " + cfg.machines() + " machines on " + cfg.ingestGateways() + " lines, "
                + cfg.devices() + " PLCs on " + cfg.campaignLines() + " lines");
        Fixture plant = new Fixture(cfg, api, engineer);
        plant.assets();
        plant.window();
        Instant now = Instant.now();
        plant.kpis(runId, now.minus(Duration.ofMinutes(5)), now.plus(cfg.duration()).plus(Duration.ofMinutes(15)));
        Readiness.known(cfg, api, tokens, plant);
        CampaignDriver campaigns = new CampaignDriver(cfg, api, traffic, tokens, runId);
        campaigns.prepare();
        tokens.viewer();
        tokens.user("analyst");
        tokens.user("approver");
        tokens.device();

        IngestDriver ingest = new IngestDriver(cfg, traffic, tokens);
        QueryDriver queries = new QueryDriver(cfg, traffic, tokens);
        SecurityDriver security = new SecurityDriver(cfg, traffic, tokens);
        MqttDriver mqtt = new MqttDriver(cfg, stats, runId);
        Memory memory = new Memory(cfg.runDir(), api);
        memory.sample(0);
        String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        log(String.format("load for %s: ingest %d gateways × %d machines every %d ms (+ %d MQTT sensors), queries %.1f/s by %d users,"
                + " campaigns over %d PLCs (%d edge gateways every %d ms), security events %.1f/s in batches of %d",
                cfg.duration(), cfg.ingestGateways(), cfg.machinesPerGateway(), cfg.ingestPeriod().toMillis(),
                cfg.mqttMachines(), cfg.queryRate(), cfg.queryUsers(), cfg.devices(), cfg.campaignLines(),
                cfg.campaignPeriod().toMillis(), cfg.securityRate(), cfg.securityBatch()));

        long t0 = System.nanoTime() + 200_000_000L;
        long deadline = t0 + cfg.duration().toNanos();
        List<Runnable> workers = new ArrayList<>();
        workers.addAll(ingest.workers(plant, t0, deadline));
        workers.addAll(mqtt.workers(plant, t0, deadline));
        workers.addAll(queries.workers(plant, t0, deadline));
        workers.addAll(campaigns.workers(plant, t0, deadline));
        workers.addAll(security.workers(t0, deadline));
        ExecutorService pool = Executors.newFixedThreadPool(workers.size() + 1);
        List<Future<?>> running = new ArrayList<>();
        for (Runnable w : workers) {
            running.add(pool.submit(() -> resilient(w, deadline, stats)));
        }
        running.add(pool.submit(() -> Pacer.every(cfg.sampleEvery(), t0 + cfg.sampleEvery().toNanos(), deadline,
                () -> {
                    Memory.Sample s = memory.sample((System.nanoTime() - t0) / 1e9);
                    progress(s.at(), stats, ingest, security, campaigns);
                })));
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchException("a load worker failed: " + BenchException.describe(e.getCause()), e);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        memory.sample(seconds);
        log("load over after " + Math.round(seconds) + " s; checking what was stored");

        Verify verify = new Verify(cfg);
        List<Verify.Check> checks = new ArrayList<>();
        checks.add(verify.points(ingest, plant.machineIds()));
        if (plant.mqttLine != null) {
            checks.add(verify.mqttPoints(mqtt, plant.mqttLine.assetIds()));
        }
        checks.add(verify.securityEvents(security));
        if (cfg.campaignLines() > 0) {
            checks.add(verify.campaignSuccesses(campaigns));
            checks.add(verify.registryFirmware(api, tokens.viewer(), plant, campaigns.totals.versionByTag));
        }
        campaigns.finish(cfg.keep());
        if (!cfg.keep()) {
            plant.removeOrders();
        }

        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("points accepted", ingest.accepted.get() / seconds);
        rates.put("MQTT points acknowledged", mqtt.acked.get() / seconds);
        rates.put("queries", queries.requests.get() / seconds);
        rates.put("device feedback reports acknowledged", campaigns.totals.reportsAcked.get() / seconds);
        rates.put("device updates succeeded", campaigns.totals.successes.get() / seconds);
        rates.put("security events stored", security.stored.get() / seconds);
        String header = String.format("bench/soak %s UTC, %.1f min through %s (run %s): ingest %d gateways × %d"
                + " machines every %d ms + %d MQTT sensors, queries %.1f/s (%d users), campaigns over %d PLCs (%d edge gateways every"
                + " %d ms), security events %.1f/s (batches of %d)", started, seconds / 60, cfg.gatewayUrl(), runId,
                cfg.ingestGateways(), cfg.machinesPerGateway(), cfg.ingestPeriod().toMillis(), cfg.mqttMachines(),
                cfg.queryRate(),
                cfg.queryUsers(), cfg.devices(), cfg.campaignLines(), cfg.campaignPeriod().toMillis(),
                cfg.securityRate(), cfg.securityBatch());
        return new Report(cfg).print(header, seconds, stats.snapshot(), List.copyOf(memory.samples), checks,
                "Achieved: " + Report.rates(rates) + "; " + campaigns.completed.get() + " campaigns completed.");
    }

    /** Runs a worker until the deadline; an unexpected failure is recorded (route "harness") and it starts again. */
    private static void resilient(Runnable w, long deadline, Stats stats) {
        while (System.nanoTime() < deadline) {
            try {
                w.run();
                return;
            } catch (BenchException e) {
                if (Thread.currentThread().isInterrupted() || "interrupted".equals(e.getMessage())) {
                    throw e;
                }
                stats.fail("harness", "exception", e.getMessage());
                BenchException.sleep(1_000);
            }
        }
    }

    private static void progress(double at, Stats stats, IngestDriver ingest, SecurityDriver security,
            CampaignDriver campaigns) {
        long requests = 0;
        long errors = 0;
        for (Stats.Route r : stats.snapshot()) {
            requests += r.requests();
            errors += r.errors();
        }
        log(String.format("t=%4.0fs  %,d requests, %d errors; %,d points accepted, %,d security events stored,"
                + " %,d device updates succeeded (%d campaigns completed)", at, requests, errors,
                ingest.accepted.get(), security.stored.get(), campaigns.totals.successes.get(),
                campaigns.completed.get()));
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
