package io.converge.bench.telemetry;

import io.converge.bench.common.BenchException;
import io.converge.bench.common.Env;
import io.converge.bench.common.Tokens;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every knob of the benchmark, read from the environment (see README.md). */
record Config(
        int points, List<String> phases, int assets, int metrics, Duration window, int warmup,
        int copyConnections,
        int httpBatch, int httpConnections, boolean ndjson,
        int mqttPublishers, int mqttBatch, int mqttInflight, int mqttQos, String mqttUrl, Duration mqttTimeout,
        String mqttSite, int mqttBacklog,
        boolean keep,
        String telemetryUrl, String assetUrl, String keycloakRealmUrl,
        String deviceClient, String deviceSecret, String engineerUser, String engineerPassword,
        String dbUrl, String dbUser, String dbPassword, String assetDbUrl,
        double targetRatio, double targetMqtt) {

    static final List<String> ALL_PHASES = List.of("copy", "http", "mqtt");
    static final String BENCH_SITE = "BENCH-SITE";

    static Config fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        List<String> phases = Arrays.stream(e.str("PHASES", "copy,http,mqtt").toLowerCase(Locale.ROOT).split("[,\\s]+"))
                .filter(s -> !s.isBlank()).distinct().toList();
        for (String p : phases) {
            if (!ALL_PHASES.contains(p)) {
                throw new BenchException("PHASES: unknown phase '" + p + "' (known: copy, http, mqtt)");
            }
        }
        if (phases.isEmpty()) {
            throw new BenchException("PHASES is empty (known: copy, http, mqtt)");
        }
        // run the phases in the canonical order whatever order they were given in
        phases = ALL_PHASES.stream().filter(phases::contains).toList();
        String format = e.str("HTTP_FORMAT", "json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("ndjson")) {
            throw new BenchException("HTTP_FORMAT must be json or ndjson, got '" + format + "'");
        }
        int qos = e.integer("MQTT_QOS", 1, 0);
        if (qos > 1) {
            throw new BenchException("MQTT_QOS must be 0 or 1, got " + qos);
        }
        String pgUrl = "jdbc:postgresql://127.0.0.1:5432/";
        return new Config(
                e.integer("N", 500_000, 1), phases, e.integer("ASSETS", 10, 1), e.integer("METRICS", 10, 1),
                Duration.ofMillis(Math.round(e.decimal("WINDOW_HOURS", 4) * 3_600_000)), e.integer("WARMUP", 20_000, 0),
                e.integer("COPY_CONNECTIONS", 1, 1),
                e.integer("HTTP_BATCH", 5_000, 1), e.integer("HTTP_CONNECTIONS", 4, 1), format.equals("ndjson"),
                e.integer("MQTT_PUBLISHERS", 4, 1), e.integer("MQTT_BATCH", 100, 1), e.integer("MQTT_INFLIGHT", 1000, 1),
                qos, e.str("MQTT_URL", "tcp://127.0.0.1:1883"), Duration.ofSeconds(e.integer("MQTT_TIMEOUT", 120, 1)),
                e.str("MQTT_SITE", BENCH_SITE), e.integer("MQTT_BACKLOG", 500, 0),
                e.flag("KEEP"),
                e.url("CONVERGE_TELEMETRY_URL", "http://localhost:8082"),
                e.url("CONVERGE_ASSET_URL", "http://localhost:8081"),
                e.url("CONVERGE_KEYCLOAK_REALM_URL", "http://localhost:8180/realms/converge"),
                e.str("DEVICE_CLIENT_ID", "converge-device"), e.str("DEVICE_CLIENT_SECRET", "converge-device-secret"),
                e.str("ENGINEER_USER", "engineer"), e.str("ENGINEER_PASSWORD", "engineer"),
                e.str("TELEMETRY_DB_URL", pgUrl + "telemetry"), e.str("TELEMETRY_DB_USER", "converge"),
                e.str("TELEMETRY_DB_PASSWORD", "converge"), e.str("ASSET_DB_URL", pgUrl + "asset"),
                e.decimal("TARGET_RATIO", 0.5), e.decimal("TARGET_MQTT", 30_000));
    }

    /** Compact constructor: N must fit the window (one distinct sample time per millisecond at most). */
    Config {
        long samples = ((long) points + assets - 1) / assets;
        samples = (samples + metrics - 1) / metrics;
        if (samples > 1 && samples > window.toMillis()) {
            throw new BenchException("N=" + points + " does not fit WINDOW_HOURS: " + samples + " samples per series "
                    + "need at least " + samples + " ms; raise WINDOW_HOURS, ASSETS or METRICS");
        }
    }

    /** The Keycloak realm and clients of the suite. */
    Tokens.Realm realm() {
        return new Tokens.Realm(keycloakRealmUrl, deviceClient, deviceSecret, engineerUser, engineerPassword);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** HTTP or MQTT phases need the suite (Keycloak, asset-service, telemetry-service). */
    boolean needsService() {
        return runs("http") || runs("mqtt");
    }
}
