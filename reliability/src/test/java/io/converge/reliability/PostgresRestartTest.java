package io.converge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under load ({@code ./converge stop postgres}, i.e. pg_ctlcluster … stop -m fast) and started
 * again: while it is down every service answers 503 application/problem+json with Retry-After and its readiness is
 * DOWN; afterwards every service is ready again by itself (same processes), and no multi-row write was partly
 * written — each telemetry batch (20 points, one statement) and each asset import (10 rows) sent during the whole
 * run is in the database entirely when it was acknowledged, and entirely or not at all when it was not. MQTT
 * telemetry published meanwhile (QoS 1) waits at the broker and in telemetry-service, whose socket stays paused while
 * it cannot store (over long outages the client reconnects meanwhile): every point the broker acknowledged is stored
 * once PostgreSQL is back, once each.
 */
class PostgresRestartTest {

    private static final int POINTS = 20;
    private static final int ROWS = 10;
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @BeforeEach
    void healthy() {
        Suite.ensureHealthy();
    }

    @AfterEach
    void leaveHealthy() {
        Suite.ensureHealthy();
    }

    @Test
    void servicesAnswer503WhileTheDatabaseIsDownRecoverByThemselvesAndNothingIsPartlyWritten() throws Exception {
        String tag = "REL-PG-" + run;
        String assetId = Api.registerAsset(tag, "postgres");
        String mqttTag = tag + "-M";
        String mqttId = Api.registerAsset(mqttTag, "postgres");
        for (String t : List.of(tag, mqttTag)) {
            Poll.until("telemetry-service knows " + t, Duration.ofSeconds(60), () -> ingest(t, "warmup", 1),
                    a -> a.ok() && a.json().path("accepted").asInt() == 1);
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        Suite.READS.values().forEach(r -> tokens.put(r[0], Api.user(r[0])));
        String engineer = Api.user("engineer");
        Map<String, String> pidsBefore = Suite.pids();

        // load: telemetry batches and asset imports, one after the other each, for the whole run
        Map<String, Integer> batches = new ConcurrentHashMap<>();
        Map<String, Integer> imports = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread telemetry = Thread.ofPlatform().name("telemetry-load").start(() -> {
            for (int i = 0; !stop.get(); i++) {
                String batch = "B" + i;
                batches.put(batch, ingest(tag, batch, POINTS).status());
                Poll.sleep(Duration.ofMillis(50));
            }
        });
        Thread assets = Thread.ofPlatform().name("import-load").start(() -> {
            for (int i = 0; !stop.get(); i++) {
                String batch = tag + "-I" + i + "-";
                imports.put(batch, importAssets(engineer, batch).status());
                Poll.sleep(Duration.ofMillis(100));
            }
        });
        AtomicBoolean down = new AtomicBoolean();
        MqttLoad mqtt = new MqttLoad(run, "pg", mqttTag).steady(Duration.ofMillis(10), down::get);
        Map<String, Api.Answer> whileDown = new LinkedHashMap<>();
        Map<String, Integer> readinessDown = new LinkedHashMap<>();
        try {
            Poll.sleep(Duration.ofSeconds(3));
            Suite.during("stop", "postgres", () -> {
                down.set(true);
                Poll.sleep(Duration.ofSeconds(2));
                Suite.READS.forEach((svc, r) -> whileDown.put(svc, Api.get(tokens.get(r[0]), r[1])));
                whileDown.put("telemetry-service ingest", ingest(tag, "down", POINTS));
                whileDown.put("asset-service import", importAssets(engineer, tag + "-DOWN-"));
                for (String svc : Suite.SERVICES) {
                    readinessDown.put(svc, Poll.until(svc + " readiness DOWN", Duration.ofSeconds(30),
                            () -> Suite.readiness(svc), s -> s == 503));
                }
                Poll.sleep(Suite.outage(Duration.ofSeconds(3)));
            });
            down.set(false);
            long back = System.nanoTime();
            Poll.until("every service ready again by itself", Duration.ofSeconds(90),
                    () -> Suite.SERVICES.stream().filter(s -> Suite.readiness(s) != 200).toList(), List::isEmpty);
            Suite.log("services ready " + (System.nanoTime() - back) / 1_000_000 + " ms after PostgreSQL started");
            Poll.sleep(Duration.ofSeconds(3));
        } finally {
            stop.set(true);
            telemetry.join(60_000);
            assets.join(60_000);
            mqtt.close();
        }

        // while it was down: 503 problem+json with Retry-After from every service
        List<String> problems = new ArrayList<>();
        whileDown.forEach((what, a) -> {
            if (a.status() != 503 || a.header("Retry-After") == null
                    || !a.header("Content-Type").startsWith("application/problem+json")
                    || a.json().path("status").asInt() != 503) {
                problems.add(what + ": " + a.status() + " Retry-After=" + a.header("Retry-After") + " "
                        + a.header("Content-Type") + " " + a.body());
            }
        });
        assertTrue(problems.isEmpty(), "with PostgreSQL down:\n" + String.join("\n", problems));
        assertEquals(pidsBefore, Suite.pids(), "the services recovered without a restart");
        Suite.READS.forEach((svc, r) -> assertEquals(200, Api.get(tokens.get(r[0]), r[1]).status(), svc + " after"));

        // nothing partly written: every batch and import entirely there when acknowledged, all or nothing otherwise
        List<String> partial = new ArrayList<>();
        int acked = 0;
        int refused = 0;
        for (Map.Entry<String, Integer> b : batches.entrySet()) {
            long stored = Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id = ?::uuid"
                    + " AND message_id LIKE ?", assetId, run + "-" + b.getKey() + "-%");
            boolean ok = b.getValue() == 200;
            acked += ok ? 1 : 0;
            refused += ok ? 0 : 1;
            if (ok ? stored != POINTS : stored != 0 && stored != POINTS) {
                partial.add("telemetry batch " + b.getKey() + " answered " + b.getValue() + ", stored " + stored);
            }
        }
        int importsAcked = 0;
        int importsRefused = 0;
        for (Map.Entry<String, Integer> i : imports.entrySet()) {
            long stored = Db.number("asset", "SELECT count(*) FROM asset WHERE tag LIKE ?", i.getKey() + "%");
            boolean ok = i.getValue() == 200 || i.getValue() == 201;
            importsAcked += ok ? 1 : 0;
            importsRefused += ok ? 0 : 1;
            if (ok ? stored != ROWS : stored != 0 && stored != ROWS) {
                partial.add("import " + i.getKey() + " answered " + i.getValue() + ", stored " + stored + " rows");
            }
        }
        Suite.log("telemetry batches: " + acked + " acknowledged, " + refused + " refused; imports: " + importsAcked
                + " acknowledged, " + importsRefused + " refused");
        assertTrue(partial.isEmpty(), String.join("\n", partial));
        assertTrue(refused > 0 && importsRefused > 0, "the load ran into the outage (refused batches "
                + refused + ", imports " + importsRefused + ")");
        assertTrue(acked > 0 && importsAcked > 0, "the load was acknowledged before and after the outage");
        // no duplicates: the acknowledged points are stored once each
        long total = Db.number("telemetry", "SELECT count(*) FROM point WHERE asset_id = ?::uuid AND message_id"
                + " LIKE ?", assetId, run + "-B%");
        long distinct = Db.number("telemetry", "SELECT count(DISTINCT message_id) FROM point WHERE asset_id ="
                + " ?::uuid AND message_id LIKE ?", assetId, run + "-B%");
        assertEquals(distinct, total, "duplicate points");

        // MQTT: every point the broker acknowledged, also while PostgreSQL was down, stored once
        long expected = mqtt.points();
        long stored = Poll.until("the " + expected + " MQTT points acknowledged by the broker stored",
                Duration.ofSeconds(120), () -> Db.number("telemetry", "SELECT count(*) FROM point WHERE"
                        + " asset_id = ?::uuid AND metric = 'reliability.load'", mqttId), n -> n >= expected);
        long mqttDistinct = Db.number("telemetry", "SELECT count(DISTINCT message_id) FROM point WHERE asset_id ="
                + " ?::uuid AND metric = 'reliability.load'", mqttId);
        Suite.log("MQTT: " + mqtt.acked() + " messages (" + expected + " points) acknowledged by the broker, "
                + mqtt.ackedWhile() + " of them while PostgreSQL was down; " + stored + " points stored");
        assertEquals(expected, stored, "MQTT points stored");
        assertEquals(stored, mqttDistinct, "duplicate MQTT points");
        assertTrue(mqtt.ackedWhile() > 0, "MQTT messages were published while PostgreSQL was down");
    }

    private Api.Answer ingest(String tag, String batch, int n) {
        Instant now = Instant.now().minusSeconds(1);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            points.add(Map.of("asset", tag, "metric", "reliability.pg", "ts", now.plusMillis(j).toString(),
                    "value", j, "messageId", run + "-" + batch + "-" + j));
        }
        return Api.post(Api.device(), "/api/v1/telemetry/points", points);
    }

    private static Api.Answer importAssets(String engineer, String prefix) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int j = 0; j < ROWS; j++) {
            rows.add(Map.of("tag", prefix + j, "name", "reliability import " + prefix + j, "domain", "OT",
                    "type", "sensor", "vendor", "reliability", "model", "R-2", "criticality", "low",
                    "firmwareVersion", "1.0.0", "labels", Map.of("purpose", "reliability-postgres")));
        }
        return Api.post(engineer, "/api/v1/assets/import", rows);
    }
}
