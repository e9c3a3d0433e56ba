package io.converge.bench.patch;

import io.converge.bench.common.Env;
import io.converge.bench.common.Tokens;
import java.time.Duration;
import java.util.Map;

/** Every knob of the benchmark, read from the environment (see README.md). */
record Config(
        int targets, int lines, int devices, int connections, Duration duration, Duration baselineDuration,
        int gatewayDevices, int gatewayBatch, int gatewayConnections,
        int plannerRuns, boolean reimport, boolean strict, boolean keep,
        String assetUrl, String patchUrl, String keycloakRealmUrl, String deviceClient, String deviceSecret,
        String pgUrl, String dbUser, String dbPassword,
        double targetPlanSeconds, double targetFeedbackPerSecond) {

    static final String PREFIX = "BENCH-PATCH";
    static final String MODEL = "BP-100";
    static final String VENDOR = "converge-bench";

    static Config fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        String pg = e.str("PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        return new Config(
                e.integer("TARGETS", 100_000, 1_000), e.integer("LINES", 100, 1),
                e.integer("DEVICES", 30_000, 100), e.integer("CONNECTIONS", 32, 1),
                Duration.ofSeconds(e.integer("DURATION", 60, 5)),
                Duration.ofSeconds(e.integer("BASELINE_DURATION", 10, 2)),
                e.integer("GATEWAY_DEVICES", 60_000, 0), e.integer("GATEWAY_BATCH", 250, 1),
                e.integer("GATEWAY_CONNECTIONS", 8, 1),
                e.integer("PLANNER_RUNS", 5, 1),
                e.flag("REIMPORT"), e.flag("STRICT"), e.flag("KEEP"),
                e.url("CONVERGE_ASSET_URL", "http://localhost:8081"),
                e.url("CONVERGE_PATCH_URL", "http://localhost:8084"),
                e.url("CONVERGE_KEYCLOAK_REALM_URL", "http://localhost:8180/realms/converge"),
                e.str("DEVICE_CLIENT_ID", "converge-device"), e.str("DEVICE_CLIENT_SECRET", "converge-device-secret"),
                pg.endsWith("/") ? pg : pg + "/", e.str("DB_USER", "converge"), e.str("DB_PASSWORD", "converge"),
                e.decimal("TARGET_PLAN_SECONDS", 3.0), e.decimal("TARGET_FEEDBACK_PER_SECOND", 5_000));
    }

    /** The Keycloak realm and clients of the suite; engineer and approver are the realm's demo users. */
    Tokens.Realm realm() {
        return new Tokens.Realm(keycloakRealmUrl, deviceClient, deviceSecret, "engineer", "engineer");
    }

    /**
     * Code prefix of the fleet's site, lines and tags: {@value #PREFIX} for the default 100,000 devices, with the size
     * appended for other sizes (each size has a fleet and site of its own, so a small run does not disturb the large).
     */
    String fleet() {
        return targets == 100_000 ? PREFIX : PREFIX + "-" + targets;
    }

    String patchDb() {
        return pgUrl + "patch";
    }
}
