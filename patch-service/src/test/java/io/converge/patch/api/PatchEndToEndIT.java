package io.converge.patch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.events.Topics;
import io.converge.testing.Await;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.converge.testing.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * patch-service end to end, as packaged: the real asset-service and patch-service jars run as their own processes
 * (databases {@code asset_e2e} and {@code patch_e2e}, emptied first) against the real PostgreSQL, Kafka and
 * Keycloak. An engineer registers 52 assets, a vendor key and two signed firmware versions; a campaign over the site
 * is approved by a second person, scheduled and started by the service, and 50 simulated device agents work through
 * the device protocol: the canary succeeds and the wave advances, failures in wave 1 reach the error threshold and
 * pause the campaign, the failed devices roll back to their previous firmware, a resume lets the rest finish, and
 * asset-service records every device's new firmware from the deployment events; a campaign rollback then takes the
 * whole fleet back.
 */
class PatchEndToEndIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static ServiceProcess asset;
    private static ServiceProcess patch;

    @BeforeAll
    static void start() throws SQLException {
        empty("asset_e2e");
        empty("patch_e2e");
        Map<String, String> common = Map.of("QUARKUS_OTEL_SDK_DISABLED", "true",
                "QUARKUS_LOG_FILE_ENABLE", "false");
        Map<String, String> a = new LinkedHashMap<>(common);
        a.put("CONVERGE_DB_NAME", "asset_e2e");
        a.put("CONVERGE_KAFKA_GROUP", "asset-e2e-" + RUN);
        asset = ServiceProcess.start("asset-service", Path.of("..", "asset-service", "target", "quarkus-app",
                "quarkus-run.jar"), a, List.of("-Xmx256m"), LOGS);
        Map<String, String> p = new LinkedHashMap<>(common);
        p.put("CONVERGE_DB_NAME", "patch_e2e");
        p.put("CONVERGE_KAFKA_GROUP", "patch-e2e-" + RUN);
        p.put("CONVERGE_ASSET_URL", asset.url());
        p.put("CONVERGE_FIRMWARE_STORAGE_DIR", Path.of("target", "e2e-firmware").toAbsolutePath().toString());
        p.put("CONVERGE_CAMPAIGN_START_INTERVAL", "1s");
        patch = ServiceProcess.start("patch-service", Path.of("target", "quarkus-app", "quarkus-run.jar"), p,
                List.of("-Xmx256m"), LOGS);
        asset.awaitReady(Duration.ofSeconds(90));
        patch.awaitReady(Duration.ofSeconds(90));
        RestAssured.port = patch.port();
    }

    @AfterAll
    static void stop() {
        if (patch != null) {
            patch.close();
        }
        if (asset != null) {
            asset.close();
        }
    }

    /** Drop-and-create, test databases only: every run starts from empty registries. */
    private static void empty(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "converge",
                "converge"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    private static RequestSpecification assets(String user) {
        return given().port(asset.port()).header("Authorization", KeycloakTokens.bearer(user))
                .contentType("application/json");
    }

    private static String node(String level, String code, String parent) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("level", level);
        b.put("code", code);
        b.put("name", code);
        if (parent != null) {
            b.put("parentId", parent);
        }
        return assets("engineer").body(b).post("/api/v1/sites").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static void register(String tag, String model, String line, String criticality) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("tag", tag);
        b.put("name", "Filler PLC " + tag);
        b.put("domain", "OT");
        b.put("type", "plc");
        b.put("vendor", "acme");
        b.put("model", model);
        b.put("nodeId", line);
        b.put("criticality", criticality);
        b.put("firmwareVersion", "1.0.0");
        assets("engineer").body(b).post("/api/v1/assets").then().log().ifValidationFails().statusCode(201);
    }

    /** Tag → firmware version of the run's assets, as asset-service has them. */
    private static Map<String, String> firmwareByTag(String site) {
        JsonPath j = assets("viewer").get("/api/v1/assets?site=" + site + "&limit=500").then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> out = new LinkedHashMap<>();
        List<String> tags = j.getList("items.tag");
        List<String> fw = j.getList("items.firmwareVersion");
        for (int i = 0; i < tags.size(); i++) {
            out.put(tags.get(i), fw.get(i));
        }
        return out;
    }

    private static String upload(String vendor, String version, KeyPair key, String keyId, long seed) {
        FirmwareFixtures.Artifact art = new FirmwareFixtures.Artifact(256 * 1024, seed);
        var r = FirmwareFixtures.upload("engineer", FirmwareFixtures.meta(vendor, version, "PLC-300", art.sha256(),
                art.signEd25519(key), keyId), art.stream(), null);
        assertEquals(201, r.statusCode(), r::body);
        String id = JsonPath.from(r.body()).getString("id");
        given().header("Authorization", KeycloakTokens.bearer("engineer")).post("/api/v1/firmware/" + id
                + "/release").then().statusCode(200).body("state", equalTo("released"));
        return id;
    }

    private static JsonPath campaign(String id) {
        return DeviceFixtures.campaign(id);
    }

    private static List<SimulatedDevice> wave(String campaign, int wave) {
        return DeviceFixtures.wave(campaign, wave).stream().map(SimulatedDevice::new).toList();
    }

    @Test
    void aWavedCampaignWithFailuresPauseRollbackAndFirmwareRecordedByAssetService() {
        // the plant: one site, two lines of 25 PLC-300s each, and two PLC-900s the firmware does not fit
        String enterprise = node("enterprise", "E2E-" + RUN, null);
        String site = node("site", "E2E-" + RUN + "-S1", enterprise);
        String area = node("area", "E2E-" + RUN + "-A1", site);
        String[] lines = {node("line", "E2E-" + RUN + "-L1", area), node("line", "E2E-" + RUN + "-L2", area)};
        String[] crit = {"low", "medium", "high"};
        for (int i = 0; i < 50; i++) {
            register(String.format("E2E-%s-PLC-%02d", RUN, i), "PLC-300", lines[i % 2], crit[i % 3]);
        }
        register("E2E-" + RUN + "-PLC-90", "PLC-900", lines[0], "low");
        register("E2E-" + RUN + "-PLC-91", "PLC-900", lines[1], "low");

        // the catalog: a vendor key and two signed releases; a tampered upload is refused
        String vendor = "acme-" + RUN.toLowerCase();
        KeyPair key = FirmwareFixtures.ed25519();
        String keyId = FirmwareFixtures.register(vendor, "ed25519", key);
        upload(vendor, "1.0.0", key, keyId, 1);
        String fw2 = upload(vendor, "2.0.0", key, keyId, 2);
        FirmwareFixtures.Artifact tampered = new FirmwareFixtures.Artifact(4096, 3);
        var refused = FirmwareFixtures.upload("engineer", FirmwareFixtures.meta(vendor, "2.0.1", "PLC-300",
                tampered.sha256(), new FirmwareFixtures.Artifact(4096, 4).signEd25519(key), keyId),
                tampered.stream(), null);
        assertEquals(422, refused.statusCode(), refused::body);

        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body(Map.of("cron", "* * * * *", "duration", "PT2H", "zone", "UTC"))
                .put("/api/v1/campaigns/windows/" + site).then().statusCode(201);

        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            Map<String, Object> plan = new LinkedHashMap<>();
            plan.put("canaryDevices", 5);
            plan.put("wavePercents", List.of(50, 50));
            plan.put("maxLineShare", 0.5);
            plan.put("successThreshold", 75);
            plan.put("errorThreshold", 20);
            JsonPath created = CampaignFixtures.create("engineer", CampaignFixtures.body(fw2, Map.of("site", site),
                    plan)).statusCode(201).extract().jsonPath();
            String id = created.getString("id");
            assertEquals(50, created.getInt("targetCount"));
            assertEquals(List.of("E2E-" + RUN + "-PLC-90", "E2E-" + RUN + "-PLC-91"),
                    created.getList("excluded.tag"));
            List<Integer> sizes = created.getList("waves.size");
            assertEquals(3, sizes.size(), sizes::toString);
            assertEquals(5, sizes.get(0));
            assertEquals(45, sizes.get(1) + sizes.get(2));

            DeviceFixtures.act("engineer", id, "submit");
            given().header("Authorization", KeycloakTokens.bearer("engineer"))
                    .post(CampaignFixtures.PATH + "/" + id + "/approve").then().statusCode(403);
            DeviceFixtures.act("approver", id, "approve");
            given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                    .body("{\"startAt\":\"" + Instant.now().plusSeconds(2) + "\"}")
                    .post(CampaignFixtures.PATH + "/" + id + "/schedule").then().statusCode(200)
                    .body("state", equalTo("scheduled"));
            Await.until("the scheduled start", Duration.ofSeconds(30),
                    () -> "running".equals(campaign(id).getString("state")));

            // canary: every device updates; the campaign moves to wave 1, wave 2's devices wait
            List<SimulatedDevice> canary = wave(id, 0);
            List<SimulatedDevice> wave1 = wave(id, 1);
            List<SimulatedDevice> wave2 = wave(id, 2);
            assertTrue(wave1.get(0).poll().isEmpty(), "wave 1 waits for the canary");
            for (SimulatedDevice d : canary) {
                SimulatedDevice.Offer o = d.offered();
                assertEquals("2.0.0", o.version());
                d.install(o, true);
            }
            assertEquals(1, campaign(id).getInt("currentWave"));
            assertTrue(wave2.get(0).poll().isEmpty(), "wave 2 waits for wave 1");

            // wave 1: every device takes its offer; five fail, which reaches the 20 % error threshold (5 of 22 or 23)
            Map<SimulatedDevice, SimulatedDevice.Offer> offers = new LinkedHashMap<>();
            for (SimulatedDevice d : wave1) {
                offers.put(d, d.offered());
            }
            List<SimulatedDevice> failing = wave1.subList(0, 5);
            for (SimulatedDevice d : failing) {
                d.install(offers.get(d), false);
            }
            JsonPath paused = campaign(id);
            assertEquals("paused", paused.getString("state"));
            JsonPath audit = DeviceFixtures.audit(id);
            assertEquals("pause", audit.getString("[-1].action"));
            assertEquals("patch-service", audit.getString("[-1].actor"));
            assertTrue(audit.getString("[-1].detail").contains("error threshold reached: 5 of " + wave1.size()),
                    audit.getString("[-1].detail"));

            // the failed devices are offered their previous firmware and go back to it
            for (SimulatedDevice d : failing) {
                SimulatedDevice.Offer rb = d.offered();
                assertTrue(rb.rollback(), d.tag() + " rollback");
                assertEquals("1.0.0", rb.version());
                d.install(rb, true);
                assertTrue(d.poll().isEmpty());
            }
            // devices offered before the pause still finish; a resume accepts the errors and the wave advances
            for (SimulatedDevice d : wave1.subList(5, wave1.size())) {
                d.install(offers.get(d), true);
            }
            assertEquals("paused", campaign(id).getString("state"));
            DeviceFixtures.act("engineer", id, "resume");
            JsonPath resumed = campaign(id);
            assertEquals("running", resumed.getString("state"));
            assertEquals(2, resumed.getInt("currentWave"));

            for (SimulatedDevice d : wave2) {
                d.install(d.offered(), true);
            }
            assertEquals("completed", campaign(id).getString("state"));
            List<String> actions = DeviceFixtures.audit(id).getList("action");
            assertEquals(List.of("create", "submit", "approve", "schedule", "start", "advance-wave", "pause",
                    "resume", "advance-wave", "complete"), actions);

            // asset-service recorded each device's firmware from the deployment events
            List<String> updated = new ArrayList<>();
            canary.forEach(d -> updated.add(d.tag()));
            wave1.subList(5, wave1.size()).forEach(d -> updated.add(d.tag()));
            wave2.forEach(d -> updated.add(d.tag()));
            assertEquals(45, updated.size());
            Await.until("asset-service records 2.0.0 on 45 devices", Duration.ofSeconds(60),
                    () -> firmwareByTag(site).values().stream().filter("2.0.0"::equals).count() == 45);
            Map<String, String> fw = firmwareByTag(site);
            updated.forEach(t -> assertEquals("2.0.0", fw.get(t), t));
            failing.forEach(d -> assertEquals("1.0.0", fw.get(d.tag()), d.tag()));
            String asset0 = assets("viewer").get("/api/v1/assets/by-tag/" + canary.get(0).tag()).then()
                    .statusCode(200).extract().path("id");
            JsonPath trail = assets("viewer").get("/api/v1/assets/" + asset0 + "/audit").then().statusCode(200)
                    .extract().jsonPath();
            assertTrue(trail.getList("actor").toString().contains("patch-service"), trail.prettify());

            // the campaign rollback takes every updated device back to 1.0.0
            JsonPath rollback = given().header("Authorization", KeycloakTokens.bearer("engineer"))
                    .contentType("application/json").body("{\"reason\":\"line 2 rejects rate up\"}")
                    .post(CampaignFixtures.PATH + "/" + id + "/rollback").then().statusCode(200).extract().jsonPath();
            assertEquals(45, rollback.getList("offered").size());
            for (String t : updated) {
                SimulatedDevice d = new SimulatedDevice(t);
                SimulatedDevice.Offer rb = d.offered();
                assertTrue(rb.rollback());
                d.install(rb, true);
            }
            Await.until("asset-service records 1.0.0 on all 52 assets again", Duration.ofSeconds(60),
                    () -> firmwareByTag(site).values().stream().allMatch("1.0.0"::equals));

            // what was published: the campaign's every state change, and 50 + 5 + 45 succeeded deployments
            List<KafkaTopicReader.Received> all = events.drain(Duration.ofSeconds(3));
            List<String> published = all.stream().filter(r -> id.equals(r.key()))
                    .map(r -> r.value().path("data").path("action").asText()).toList();
            assertEquals(List.of("create", "submit", "approve", "schedule", "start", "advance-wave", "pause",
                    "resume", "advance-wave", "complete", "rollback"), published);
            Map<Boolean, Long> succeeded = all.stream()
                    .filter(r -> "io.converge.patch.deployment-succeeded".equals(r.value().path("type").asText())
                            && id.equals(r.value().path("data").path("campaignId").asText()))
                    .collect(Collectors.partitioningBy(r -> r.value().path("data").path("rollback").asBoolean(),
                            Collectors.counting()));
            assertEquals(45L, succeeded.get(false));
            assertEquals(50L, succeeded.get(true));
            System.out.printf("e2e %s: 52 assets, 50 targets, waves %s, 5 failed + rolled back, 45 updated then"
                    + " rolled back; %d patch events%n", RUN, created.getList("waves.size"), all.size());
        }
    }
}
