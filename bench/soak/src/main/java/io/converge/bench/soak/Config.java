package io.converge.bench.soak;

import io.converge.bench.common.Env;
import io.converge.bench.common.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Every knob of the soak, read from the environment (see README.md). */
record Config(
        Duration duration, Duration warmup, Duration sampleEvery,
        int ingestGateways, int machinesPerGateway, Duration ingestPeriod, int mqttMachines, String mqttUrl,
        double queryRate, int queryUsers,
        int campaignLines, int devicesPerLine, Duration campaignPeriod,
        double securityRate, int securityBatch,
        double rssGrowth, double p99LimitMs, boolean strict, boolean keep,
        String gatewayUrl, String realmUrl, String deviceClient, String deviceSecret,
        String pgUrl, String dbUser, String dbPassword, Path runDir) {

    /** Code prefix of every hierarchy node, asset, firmware, campaign and event source the soak owns. */
    static final String PREFIX = "SOAK";
    static final String FW_MODEL = "SOAK-PLC";
    static final String VENDOR = "converge-soak";

    static Config fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        String gateway = e.url("GATEWAY_URL", "http://localhost:8080");
        String pg = e.str("PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        String root = e.str("CONVERGE_ROOT", Path.of("").toAbsolutePath().toString());
        return new Config(
                Duration.ofSeconds(Math.round(e.decimal("SOAK_MINUTES", 10) * 60)),
                Duration.ofSeconds(e.integer("WARMUP_SECONDS", 60, 0)),
                Duration.ofSeconds(e.integer("SAMPLE_SECONDS", 30, 1)),
                e.integer("INGEST_GATEWAYS", 4, 0), e.integer("MACHINES_PER_GATEWAY", 25, 1),
                Duration.ofMillis(e.integer("INGEST_PERIOD_MS", 1000, 50)),
                e.integer("MQTT_MACHINES", 25, 0), e.str("MQTT_URL", "tcp://127.0.0.1:1883"),
                e.decimal("QUERY_RATE", 20), e.integer("QUERY_USERS", 4, 1),
                e.integer("CAMPAIGN_LINES", 4, 0), e.integer("DEVICES_PER_LINE", 50, 2),
                Duration.ofMillis(e.integer("CAMPAIGN_PERIOD_MS", 2000, 100)),
                e.decimal("SECURITY_RATE", 100), e.integer("SECURITY_BATCH", 50, 1),
                e.decimal("RSS_GROWTH", 1.2), e.decimal("P99_LIMIT_MS", 1000), e.flag("STRICT"), e.flag("KEEP"),
                gateway, e.url("KEYCLOAK_REALM_URL", gateway + "/auth/realms/converge"),
                e.str("DEVICE_CLIENT_ID", "converge-device"), e.str("DEVICE_CLIENT_SECRET", "converge-device-secret"),
                pg.endsWith("/") ? pg : pg + "/", e.str("DB_USER", "converge"), e.str("DB_PASSWORD", "converge"),
                Path.of(e.str("RUN_DIR", root + "/.converge/run")));
    }

    /** The realm through the gateway (/auth/…): the device client and the demo engineer. */
    Tokens.Realm realm() {
        return new Tokens.Realm(realmUrl, deviceClient, deviceSecret, "engineer", "engineer");
    }

    String api(String path) {
        return gatewayUrl + path;
    }

    String db(String name) {
        return pgUrl + name;
    }

    int machines() {
        return ingestGateways * machinesPerGateway;
    }

    int devices() {
        return campaignLines * devicesPerLine;
    }
}
