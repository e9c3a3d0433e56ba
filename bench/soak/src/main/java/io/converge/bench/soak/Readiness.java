package io.converge.bench.soak;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Before the load: the suite answers, and the services that learn assets from Kafka know the soak's. */
final class Readiness {

    private static final Duration WAIT = Duration.ofSeconds(180);

    private Readiness() {
    }

    /**
     * The gateway's health and every service's readiness (their own ports: /q/health is not routed), waited for up to
     * 3 minutes (a service being restarted comes back).
     */
    static void check(Config cfg, Api api) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("the gateway", cfg.api("/gateway/health"));
        Memory.SERVICES.forEach((name, url) -> probes.put(name, url + "/q/health/ready"));
        for (Map.Entry<String, String> p : probes.entrySet()) {
            while (true) {
                String problem;
                try {
                    Api.Answer a = api.call(p.getKey(), "GET", p.getValue(), null, null);
                    if (a.status() == 200) {
                        break;
                    }
                    problem = p.getKey() + " is not ready: " + a.status() + " " + Api.snippet(a.raw());
                } catch (BenchException e) {
                    problem = e.getMessage();
                }
                waitOrFail(deadline, problem);
            }
        }
    }

    /**
     * telemetry-service accepts a probe point of every machine (metric soak.probe, sample time 10 minutes ago: before
     * the run's own, so never counted; the MQTT sensors too), and kpi-service answers the OEE of every machine line.
     */
    static void known(Config cfg, Api api, Tokens tokens, Fixture plant) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> tags = new ArrayList<>(plant.machineTags());
        if (plant.mqttLine != null) {
            tags.addAll(plant.mqttLine.tags());
        }
        String ts = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS).toString();
        List<Map<String, Object>> probe = new ArrayList<>();
        for (String tag : tags) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("asset", tag);
            p.put("metric", "soak.probe");
            p.put("ts", ts);
            p.put("value", 1);
            probe.add(p);
        }
        while (!tags.isEmpty()) {
            Api.Answer a = api.call("gateway", "POST", cfg.api("/api/v1/telemetry/points"), tokens.device(), probe);
            if (a.status() == 200 && a.body().path("rejected").asInt() == 0) {
                break;
            }
            waitOrFail(deadline, "telemetry-service does not accept the soak machines' points: " + Api.snippet(a.raw()));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (Fixture.Line l : plant.machineLines) {
            while (true) {
                Api.Answer a = api.call("gateway", "GET", cfg.api("/api/v1/kpis/oee?scope=line:" + l.id() + "&from="
                        + now.minus(Duration.ofHours(1)) + "&to=" + now + "&bucket=PT5M"), tokens.viewer(), null);
                if (a.status() == 200) {
                    break;
                }
                waitOrFail(deadline, "kpi-service does not know line " + l.code() + ": " + a.status() + " "
                        + Api.snippet(a.raw()));
            }
        }
    }

    private static void waitOrFail(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new BenchException(what + " (after " + WAIT.toSeconds() + " s)");
        }
        BenchException.sleep(2_000);
    }
}
