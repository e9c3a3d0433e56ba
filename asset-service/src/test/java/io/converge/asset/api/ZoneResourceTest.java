package io.converge.asset.api;

import static io.converge.asset.api.HierarchyApi.ZONES;
import static io.converge.asset.api.HierarchyApi.as;
import static io.converge.asset.api.HierarchyApi.chain;
import static io.converge.asset.api.HierarchyApi.conduit;
import static io.converge.asset.api.HierarchyApi.count;
import static io.converge.asset.api.HierarchyApi.insertAsset;
import static io.converge.asset.api.HierarchyApi.problem;
import static io.converge.asset.api.HierarchyApi.unique;
import static io.converge.asset.api.HierarchyApi.walk;
import static io.converge.asset.api.HierarchyApi.zone;
import static io.converge.asset.api.HierarchyApi.zoneBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IEC 62443 zones under /api/v1/zones with real tokens and the real database. */
@QuarkusTest
class ZoneResourceTest {

    @Inject
    Pool pool;

    @Test
    void createReadReplace() {
        String site = chain("ZSITE").get(1);
        String name = unique("Cell zone");
        Response r = as("engineer").body(zoneBody(name, 3, null, site)).post(ZONES);
        r.then().statusCode(201).header("Location", endsWith(ZONES + "/" + r.path("id")))
                .header("ETag", equalTo("\"1\"")).body("name", equalTo(name)).body("siteId", equalTo(site))
                .body("slTarget", equalTo(3)).body("slAchieved", nullValue()).body("assetCount", equalTo(0));
        String id = r.path("id");
        insertAsset(pool, unique("ZA"), "high", null, id);
        insertAsset(pool, unique("ZA"), "low", null, id);
        as("viewer").get(ZONES + "/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("assetCount", equalTo(2)).body("createdAt", endsWith("Z"));

        Map<String, Object> body = zoneBody(name + " v2", 3, 2, site);
        problem(as("engineer").body(body).put(ZONES + "/" + id).then(), 428);
        problem(as("engineer").header("If-Match", "\"2\"").body(body).put(ZONES + "/" + id).then(), 412);
        as("engineer").header("If-Match", "\"1\"").body(body).put(ZONES + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\"")).body("name", equalTo(name + " v2")).body("slAchieved", equalTo(2))
                .body("assetCount", equalTo(2));
        problem(as("engineer").header("If-Match", "\"1\"").body(body).put(ZONES + "/" + id).then(), 412);
        problem(as("viewer").get(ZONES + "/" + UUID.randomUUID()).then(), 404);
        problem(as("viewer").get(ZONES + "/not-a-uuid").then(), 400);
    }

    @Test
    void siteMustBeASiteNode() {
        List<String> ids = chain("ZLVL");
        String name = unique("Zone bad site");
        problem(as("engineer").body(zoneBody(name, 2, 1, ids.get(2))).post(ZONES).then(), 422)
                .body("errors.field", hasItem("siteId")).body("detail", containsString("area"));
        problem(as("engineer").body(zoneBody(name, 2, 1, UUID.randomUUID().toString())).post(ZONES).then(), 422)
                .body("errors.field", hasItem("siteId"));
        assertEquals(0, count(ZONES, Map.of("q", name)));
        String id = zone(name, 2, null, null);
        problem(as("engineer").header("If-Match", "\"1\"").body(zoneBody(name, 2, 1, ids.get(0))).put(ZONES + "/"
                + id).then(), 422);
        as("viewer").get(ZONES + "/" + id).then().body("version", equalTo(1)).body("slAchieved", nullValue());
    }

    @ParameterizedTest(name = "{0}={1} → 400")
    @CsvSource({"slTarget, 0", "slTarget, 5", "slAchieved, -1", "slAchieved, 5", "slTarget, 'high'", "name, ''"})
    void invalidFieldsAre400(String field, String value) {
        String name = unique("Zone invalid");
        Map<String, Object> m = zoneBody(name, 2, 1, null);
        m.put(field, value.matches("-?\\d+") ? Integer.valueOf(value) : value);
        problem(as("engineer").body(m).post(ZONES).then(), 400).body("errors.field", hasItem(field));
        assertEquals(0, count(ZONES, Map.of("q", name)));
    }

    @Test
    void badBodiesAre400() {
        String name = unique("Zone body");
        problem(as("engineer").body("{\"name\": ").post(ZONES).then(), 400);
        Map<String, Object> unknown = zoneBody(name, 2, 1, null);
        unknown.put("color", "red");
        problem(as("engineer").body(unknown).post(ZONES).then(), 400).body("errors.field", hasItem("color"));
        Map<String, Object> missing = zoneBody(name, null, 1, null);
        problem(as("engineer").body(missing).post(ZONES).then(), 400).body("errors.field", hasItem("slTarget"));
        assertEquals(0, count(ZONES, Map.of("q", name)));
    }

    @Test
    void duplicateNameIs409() {
        String name = unique("Zone dup");
        String first = zone(name, 2, null, null);
        problem(as("engineer").body(zoneBody(name, 3, null, null)).post(ZONES).then(), 409)
                .body("detail", containsString(name));
        assertEquals(1, count(ZONES, Map.of("q", name)));
        String other = zone(unique("Zone dup"), 2, null, null);
        problem(as("engineer").header("If-Match", "\"1\"").body(zoneBody(name, 2, null, null))
                .put(ZONES + "/" + other).then(), 409);
        as("viewer").get(ZONES + "/" + first).then().statusCode(200).body("slTarget", equalTo(2));
    }

    @Test
    void deleteRefusesZonesInUse() {
        String a = zone(unique("Zone del"), 2, 2, null);
        String b = zone(unique("Zone del"), 2, 2, null);
        String c = conduit(unique("Conduit del"), a, b, List.of("https"), null);
        problem(as("engineer").delete(ZONES + "/" + a).then(), 409).body("detail", containsString("conduit"));
        as("engineer").delete(HierarchyApi.CONDUITS + "/" + c).then().statusCode(204);
        UUID asset = insertAsset(pool, unique("ZDEL"), "low", null, a);
        problem(as("engineer").delete(ZONES + "/" + a).then(), 409).body("detail", containsString("asset"));
        HierarchyApi.deleteAsset(pool, asset);
        problem(as("engineer").header("If-Match", "\"9\"").delete(ZONES + "/" + a).then(), 412);
        as("engineer").header("If-Match", "\"1\"").delete(ZONES + "/" + a).then().statusCode(204);
        as("engineer").delete(ZONES + "/" + b).then().statusCode(204);
        problem(as("viewer").get(ZONES + "/" + a).then(), 404);
        problem(as("engineer").delete(ZONES + "/" + a).then(), 404);
        assertEquals(List.of("created:engineer", "deleted:engineer"), HierarchyApi.audit(pool, "zone", a));
        assertEquals(List.of("created:engineer", "deleted:engineer"), HierarchyApi.audit(pool, "conduit", c));
    }

    @Test
    void listFiltersAndPages() {
        List<String> ids = chain("ZLIST");
        String site = ids.get(1);
        String tag = unique("ZL");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(zone(tag + " met " + i, 2, 3, site));
        }
        String below = zone(tag + " below", 3, 1, site);
        String unassessed = zone(tag + " unassessed", 2, null, null);
        mine.add(below);

        List<String> bySite = walk(ZONES, Map.of("siteId", site), 2);
        assertEquals(6, bySite.size());
        assertTrue(bySite.containsAll(mine));
        assertEquals(7, walk(ZONES, Map.of("q", tag, "sort", "-createdAt"), 3).size());
        assertEquals(7, walk(ZONES, Map.of("q", tag, "sort", "slTarget,-name"), 1).size());
        List<String> belowTarget = walk(ZONES, Map.of("q", tag, "belowTarget", "true"), 50);
        assertEquals(List.of(below, unassessed).stream().sorted().toList(), belowTarget.stream().sorted().toList());
        as("viewer").queryParam("belowTarget", true).get(ZONES).then().statusCode(200)
                .body("items.id", not(hasItem(mine.get(0))));
        // list items carry no assetCount (only the single-zone answer does)
        as("viewer").queryParam("q", tag).get(ZONES).then().body("items[0].assetCount", nullValue());

        problem(as("viewer").queryParam("cursor", "bm9wZQ").get(ZONES).then(), 400);
        problem(as("viewer").queryParam("sort", "slAchieved").get(ZONES).then(), 400);
        problem(as("viewer").queryParam("siteId", "x").get(ZONES).then(), 400);
    }

    @Test
    void rolesAndTokens() {
        given().get(ZONES).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(zoneBody(unique("Z"), 2, null, null)).post(ZONES).then()
                .statusCode(401).contentType("application/problem+json");
        problem(as("viewer").body(zoneBody(unique("Z"), 2, null, null)).post(ZONES).then(), 403);
        problem(as("nobody").get(ZONES).then(), 403);
        as("analyst").get(ZONES).then().statusCode(200);
        as("admin").body(zoneBody(unique("Z"), 2, null, null)).post(ZONES).then().statusCode(201);
        String id = zone(unique("Z"), 2, null, null);
        problem(as("viewer").header("If-Match", "\"1\"").body(zoneBody(unique("Z"), 2, null, null))
                .put(ZONES + "/" + id).then(), 403);
        problem(as("viewer").delete(ZONES + "/" + id).then(), 403);
        as("viewer").get(ZONES + "/" + id).then().statusCode(200);
    }
}
