package io.converge.bench.telemetry;

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
                e.str("KEEP", "0").equals("1"),
                trimSlash(e.str("CONVERGE_TELEMETRY_URL", "http://localhost:8082")),
                trimSlash(e.str("CONVERGE_ASSET_URL", "http://localhost:8081")),
                trimSlash(e.str("CONVERGE_KEYCLOAK_REALM_URL", "http://localhost:8180/realms/converge")),
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

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** HTTP or MQTT phases need the suite (Keycloak, asset-service, telemetry-service). */
    boolean needsService() {
        return runs("http") || runs("mqtt");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private record Env(Map<String, String> env) {
        String str(String name, String def) {
            String v = env.get(name);
            return v == null || v.isBlank() ? def : v.trim();
        }

        int integer(String name, int def, int min) {
            String v = str(name, null);
            if (v == null) {
                return def;
            }
            try {
                int i = Integer.parseInt(v.replace("_", "").replace(",", ""));
                if (i < min) {
                    throw new BenchException(name + " must be >= " + min + ", got " + v);
                }
                return i;
            } catch (NumberFormatException x) {
                throw new BenchException(name + " must be an integer, got '" + v + "'");
            }
        }

        double decimal(String name, double def) {
            String v = str(name, null);
            if (v == null) {
                return def;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d > 0)) {
                    throw new BenchException(name + " must be > 0, got " + v);
                }
                return d;
            } catch (NumberFormatException x) {
                throw new BenchException(name + " must be a number, got '" + v + "'");
            }
        }
    }
}
