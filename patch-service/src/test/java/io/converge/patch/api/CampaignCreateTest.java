package io.converge.patch.api;

import static io.converge.patch.api.CampaignFixtures.PATH;
import static io.converge.patch.api.CampaignFixtures.body;
import static io.converge.patch.api.CampaignFixtures.counts;
import static io.converge.patch.api.CampaignFixtures.create;
import static io.converge.patch.api.CampaignFixtures.plan;
import static io.converge.patch.api.CampaignFixtures.site;
import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.patch.AssetRegistryStub;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating campaigns over the stubbed asset registry: frozen targets, exclusions, waves, and every refusal. */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class CampaignCreateTest {

    private static String firmware;

    @Inject
    Pool pool;

    @BeforeEach
    void firmware() {
        if (firmware == null) {
            firmware = CampaignFixtures.releasedFirmware();
        }
    }

    @Test
    void createsADraftWithFrozenTargetsExclusionsAndWaves() {
        int calls = AssetRegistryStub.CALLS.get();
        JsonPath c = create("engineer", body(firmware, site(), plan())).statusCode(201)
                .header("Location", containsString(PATH + "/")).header("ETag", "\"1\"")
                .body("state", equalTo("draft")).body("createdBy", equalTo("engineer"))
                .body("firmwareId", equalTo(firmware)).body("targetCount", equalTo(44))
                .body("target.site", equalTo(AssetRegistryStub.SITE.toString()))
                .body("plan.maxLineShare", equalTo(0.5f)).body("plan.successThreshold", equalTo(90.0f))
                .extract().jsonPath();
        // 49 assets in service on the site (PC-48 retired), pages of 20 → 3 calls, every one with a token
        assertEquals(3, AssetRegistryStub.CALLS.get() - calls);
        String query = AssetRegistryStub.QUERIES.getLast();
        assertTrue(query.contains("status=active") && query.contains("site=" + AssetRegistryStub.SITE), query);

        List<String> excluded = c.getList("excluded.tag");
        assertEquals(List.of("PC-09", "PC-19", "PC-29", "PC-39", "PC-49"), excluded);
        assertTrue(c.getString("excluded[0].reason").startsWith("incompatible model"), c.getString("excluded"));
        List<Map<String, Object>> waves = c.getList("waves");
        assertEquals("canary", waves.get(0).get("name"));
        assertEquals(2, waves.get(0).get("size"));
        assertEquals(44, waves.stream().mapToInt(w -> (Integer) w.get("size")).sum());
        assertEquals(c.getInt("waveCount"), waves.size());
        assertTrue(waves.size() >= 3, waves.toString());

        String id = c.getString("id");
        JsonPath targets = given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "/" + id + "/targets?limit=1000").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = targets.getList("items");
        assertEquals(44, rows.size());
        // canary: lowest criticality first; every target pending with its previous firmware
        assertEquals("low", rows.get(0).get("criticality"));
        assertTrue(rows.stream().allMatch(r -> "pending".equals(r.get("deploymentState"))
                && "1.0.0".equals(r.get("previousFirmware"))));
        // never more than half a line in one wave (L1 has 18 targets → 9, L2 15 → 7)
        Map<String, Integer> perWaveLine = new HashMap<>();
        rows.stream().filter(r -> r.get("lineId") != null).forEach(r -> perWaveLine.merge(r.get("wave") + "/"
                + r.get("lineId"), 1, Integer::sum));
        perWaveLine.forEach((k, n) -> assertTrue(n <= (k.endsWith(AssetRegistryStub.LINE_1.toString()) ? 9 : 7),
                k + " has " + n));
        // paging the target list
        JsonPath first = given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "/" + id + "/targets?limit=10").then().statusCode(200)
                .body("nextCursor", equalTo("9")).extract().jsonPath();
        assertEquals(10, first.getList("items").size());
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "/" + id + "/targets?wave=0").then().statusCode(200).body("items.size()", equalTo(2));

        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("excluded.size()", equalTo(5)).body("waves[0].size", equalTo(2));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id + "/audit").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].action", equalTo("create"))
                .body("[0].actor", equalTo("engineer")).body("[0].toState", equalTo("draft"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?state=draft&limit=1000").then()
                .statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?state=running&limit=1000")
                .then().statusCode(200).body("items.findAll { it.id == '" + id + "' }.size()", equalTo(0));
    }

    @Test
    void modelsTypesAndLabelsNarrowTheTargets() {
        Map<String, Object> target = site();
        target.put("model", List.of("X2"));
        target.put("labels", Map.of("fleet", "a"));
        target.put("criticality", List.of("low", "high"));
        // x2 (any case) on PC-04, 14, 24, 34, 44: criticality low (i%4==0) or high (i%4==2) → 04, 14, 24, 34, 44
        create("admin", body(firmware, target, Map.of("canaryPercent", 20, "wavePercents", List.of(100),
                "maxLineShare", 1))).statusCode(201).body("targetCount", equalTo(5))
                .body("excluded.size()", equalTo(0)).body("waves[0].size", equalTo(1))
                .body("createdBy", equalTo("admin"));
        String query = AssetRegistryStub.QUERIES.getLast();
        assertTrue(query.contains("label=fleet%3Aa") || query.contains("label=fleet:a"), query);
    }

    @Test
    void badInputIs400WithFieldErrorsAndWritesNothing() {
        List<Long> before = counts(pool);
        Map<String, Object> plan = new HashMap<>(plan());
        plan.put("canaryPercent", 10);
        plan.put("wavePercents", List.of(50, 40));
        plan.put("maxLineShare", 1.5);
        plan.put("errorThreshold", 0);
        Map<String, Object> target = new HashMap<>(Map.of("site", "not-a-uuid", "criticality", List.of("extreme")));
        Map<String, Object> b = new HashMap<>(body("nope", target, plan));
        b.put("name", " ");
        create("engineer", b).statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors.field", hasItems("name", "firmwareId", "target.site", "target.criticality",
                        "plan.canaryDevices", "plan.maxLineShare", "plan.errorThreshold"));
        Map<String, Object> waves = new HashMap<>(plan());
        waves.put("wavePercents", List.of(50, 40));
        create("engineer", body(firmware, site(), waves)).statusCode(400)
                .body("errors.field", hasItem("plan.wavePercents"));
        create("engineer", Map.of("name", "x", "firmwareId", firmware, "target", site(), "plan", plan(),
                "surprise", 1)).statusCode(400).contentType(startsWith(PROBLEM));
        create("engineer", "{\"name\":").statusCode(400).contentType(startsWith(PROBLEM));
        create("engineer", body(firmware, null, null)).statusCode(400)
                .body("errors.field", hasItems("target", "plan"));
        assertEquals(before, counts(pool));
    }

    @Test
    void invalidMaintenanceWindowIs422() {
        Map<String, Object> plan = new HashMap<>(plan());
        plan.put("window", Map.of("cron", "0 22 * *", "duration", "PT4H", "zone", "Mars/Olympus"));
        create("engineer", body(firmware, site(), plan)).statusCode(422).contentType(startsWith(PROBLEM))
                .body("errors.field", hasItems("plan.window.cron", "plan.window.zone"));
        plan.put("window", Map.of("cron", "0 22 * * 1-5", "duration", "PT6H", "zone", "Europe/Paris"));
        create("engineer", body(firmware, site(), plan)).statusCode(201)
                .body("plan.window.cron", equalTo("0 22 * * 1-5")).body("plan.window.zone", equalTo("Europe/Paris"));
    }

    @Test
    void unreleasedOrUnknownFirmwareIs422() {
        List<Long> before = counts(pool);
        create("engineer", body(CampaignFixtures.verifiedFirmware(), site(), plan())).statusCode(422)
                .contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("firmwareId"))
                .body("detail", notNullValue());
        create("engineer", body("00000000-0000-0000-0000-00000000dead", site(), plan())).statusCode(422)
                .body("errors[0].field", equalTo("firmwareId"));
        assertEquals(before, counts(pool));
    }

    @Test
    void aFilterMatchingNothingCompatibleIs422() {
        List<Long> before = counts(pool);
        create("engineer", body(firmware, Map.of("site", "00000000-0000-0000-0000-000000000bad"), plan()))
                .statusCode(422).contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("target"));
        Map<String, Object> y9 = site();
        y9.put("model", List.of("Y9"));
        create("engineer", body(firmware, y9, plan())).statusCode(422)
                .body("detail", startsWith("the target filter matches 5 assets but none"));
        assertEquals(before, counts(pool));
    }

    @Test
    void assetServiceDownIs503AndWritesNothing() {
        List<Long> before = counts(pool);
        AssetRegistryStub.DOWN = true;
        try {
            create("engineer", body(firmware, site(), plan())).statusCode(503).contentType(startsWith(PROBLEM))
                    .header("Retry-After", notNullValue());
        } finally {
            AssetRegistryStub.DOWN = false;
        }
        assertEquals(before, counts(pool));
    }

    @Test
    void rolesAndTokens() {
        create("viewer", body(firmware, site(), plan())).statusCode(403).contentType(startsWith(PROBLEM));
        create("approver", body(firmware, site(), plan())).statusCode(403);
        create(null, body(firmware, site(), plan())).statusCode(401);
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?state=bogus").then()
                .statusCode(400).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "/00000000-0000-0000-0000-00000000dead").then().statusCode(404)
                .contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/nope").then().statusCode(400);
    }

    @Test
    void aTransientRegistryFailureIsRetriedAndAFilterItRefusesIs400() {
        AssetRegistryStub.FAIL_NEXT.set(1);
        int calls = AssetRegistryStub.CALLS.get();
        create("engineer", body(firmware, site(), plan())).statusCode(201).body("targetCount", equalTo(44));
        assertEquals(4, AssetRegistryStub.CALLS.get() - calls); // 1 refused + 3 pages

        List<Long> before = counts(pool);
        Map<String, Object> target = site();
        target.put("type", List.of("robot-arm"));
        calls = AssetRegistryStub.CALLS.get();
        create("engineer", body(firmware, target, plan())).statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("target"));
        assertEquals(1, AssetRegistryStub.CALLS.get() - calls); // a 4xx is not retried
        assertEquals(before, counts(pool));
    }
}
