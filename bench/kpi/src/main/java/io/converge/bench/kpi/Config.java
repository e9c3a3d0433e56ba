package io.converge.bench.kpi;

import io.converge.bench.common.Env;
import io.converge.bench.common.Tokens;
import java.time.Duration;
import java.util.Map;

/** Every knob of the benchmark, read from the environment (see README.md). */
record Config(
        int points, int assets, int httpBatch, int httpConnections, int queryWarmup, int queryRuns, int baselineRuns,
        Duration timeout, boolean strict, boolean keep, boolean phaseB,
        String telemetryUrl, String assetUrl, String kpiUrl, String keycloakRealmUrl,
        String deviceClient, String deviceSecret,
        String pgUrl, String dbUser, String dbPassword, String kafka,
        String kpiJar, int benchPort, String benchDb, String javaBin, String benchJavaOpts, String logDir,
        double targetQuerySeconds, double targetRatio, double tolerance) {

    static final String SITE = "BENCH-SITE";
    static final String AREA = "BENCH-KPI-AREA";
    static final String LINE = "BENCH-KPI-L1";

    static Config fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        String root = e.str("CONVERGE_ROOT", "../..");
        String pg = e.str("PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        return new Config(
                e.integer("N", 1_000_000, 10_000), e.integer("ASSETS", 10, 1),
                e.integer("HTTP_BATCH", 5_000, 1), e.integer("HTTP_CONNECTIONS", 4, 1),
                e.integer("QUERY_WARMUP", 3, 0), e.integer("QUERY_RUNS", 20, 1), e.integer("BASELINE_RUNS", 5, 1),
                Duration.ofSeconds(e.integer("TIMEOUT", 900, 10)),
                e.flag("STRICT"), e.flag("KEEP"),
                !e.str("PHASE_B", "1").equals("0"),
                e.url("CONVERGE_TELEMETRY_URL", "http://localhost:8082"),
                e.url("CONVERGE_ASSET_URL", "http://localhost:8081"),
                e.url("CONVERGE_KPI_URL", "http://localhost:8083"),
                e.url("CONVERGE_KEYCLOAK_REALM_URL", "http://localhost:8180/realms/converge"),
                e.str("DEVICE_CLIENT_ID", "converge-device"), e.str("DEVICE_CLIENT_SECRET", "converge-device-secret"),
                pg.endsWith("/") ? pg : pg + "/", e.str("DB_USER", "converge"), e.str("DB_PASSWORD", "converge"),
                e.str("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                e.str("KPI_JAR", root + "/kpi-service/target/quarkus-app/quarkus-run.jar"),
                e.integer("BENCH_KPI_PORT", 18083, 1), e.str("BENCH_KPI_DB", "kpi_bench"),
                e.str("BENCH_JAVA", System.getProperty("java.home") + "/bin/java"),
                e.str("BENCH_KPI_JAVA_OPTS", "-Xmx256m"), e.str("BENCH_LOG_DIR", "target"),
                e.decimal("TARGET_QUERY_SECONDS", 1.0), e.decimal("TARGET_RATIO", 1.0),
                e.decimal("TOLERANCE", 0.01));
    }

    /** The Keycloak realm and clients of the suite; the engineer and viewer are the realm's demo users. */
    Tokens.Realm realm() {
        return new Tokens.Realm(keycloakRealmUrl, deviceClient, deviceSecret, "engineer", "engineer");
    }

    String db(String name) {
        return pgUrl + name;
    }
}
