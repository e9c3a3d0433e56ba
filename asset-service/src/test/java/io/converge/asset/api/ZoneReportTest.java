package io.converge.asset.api;

import static io.converge.asset.api.HierarchyApi.as;
import static io.converge.asset.api.HierarchyApi.conduit;
import static io.converge.asset.api.HierarchyApi.insertAsset;
import static io.converge.asset.api.HierarchyApi.problem;
import static io.converge.asset.api.HierarchyApi.unique;
import static io.converge.asset.api.HierarchyApi.zone;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/zones/report against the real database (the classification itself: domain ZoneGapsTest). */
@QuarkusTest
class ZoneReportTest {

    private static final String REPORT = "/api/v1/zones/report";
    private static final List<String> RANKS = List.of("low", "medium", "high", "critical");

    @Inject
    Pool pool;

    private static Map<String, Object> byId(JsonPath json, String list, String id) {
        List<Map<String, Object>> items = json.getList(list);
        return items.stream().filter(m -> id.equals(m.get("id"))).findFirst().orElse(null);
    }

    @Test
    void reportsZoneAndConduitGaps() {
        String p = unique("RPT");
        String below = zone(p + " below", 3, 1, null);
        String unassessed = zone(p + " unassessed", 2, null, null);
        String met = zone(p + " met", 2, 3, null);
        String oneWeak = conduit(p + " met-below", met, below, List.of("opc-ua"), 2);
        String toUnassessed = conduit(p + " met-unassessed", met, unassessed, List.of("https"), 1);
        String fine = conduit(p + " fine", met, below, List.of(), 1);
        String noTarget = conduit(p + " no-target", below, unassessed, List.of(), null);

        JsonPath json = as("viewer").get(REPORT).then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        assertNotNull(json.getString("generatedAt"));

        Map<String, Object> z = byId(json, "zones", below);
        assertEquals(2, z.get("gap"));
        assertEquals("below-target", z.get("status"));
        assertEquals(1, z.get("slAchieved"));
        Map<String, Object> u = byId(json, "zones", unassessed);
        assertEquals(2, u.get("gap"));
        assertEquals("not-assessed", u.get("status"));
        assertTrue(u.containsKey("slAchieved"));
        assertNull(u.get("slAchieved"));
        assertNull(byId(json, "zones", met));
        List<Integer> gaps = json.getList("zones.gap");
        for (int i = 1; i < gaps.size(); i++) {
            assertTrue(gaps.get(i - 1) >= gaps.get(i), "zones are ordered by gap, largest first");
        }

        Map<String, Object> c = byId(json, "conduits", oneWeak);
        assertEquals(1, c.get("gap"));
        assertEquals(List.of(below), c.get("weakZoneIds"));
        assertEquals(3, c.get("fromSlAchieved"));
        Map<String, Object> c2 = byId(json, "conduits", toUnassessed);
        assertEquals(List.of(unassessed), c2.get("weakZoneIds"));
        assertEquals(1, c2.get("gap"));
        assertNull(byId(json, "conduits", fine));
        assertNull(byId(json, "conduits", noTarget));
    }

    @Test
    void listsUnzonedAssetsMostCriticalFirst() {
        int before = as("viewer").get(REPORT).then().statusCode(200).extract().path("unzonedAssets.count");
        String p = unique("RPTA");
        String zoneId = zone(p + " zone", 2, 2, null);
        insertAsset(pool, p + "-B", "critical", null, null);
        insertAsset(pool, p + "-A", "critical", null, null);
        insertAsset(pool, p + "-C", "low", null, null);
        insertAsset(pool, p + "-Z", "critical", null, zoneId);

        JsonPath json = as("analyst").get(REPORT).then().statusCode(200).extract().jsonPath();
        assertEquals(before + 3, json.getInt("unzonedAssets.count"));
        List<Map<String, Object>> items = json.getList("unzonedAssets.items");
        assertTrue(items.size() <= 100);
        assertEquals(Math.min(100, before + 3), items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(RANKS.indexOf((String) items.get(i - 1).get("criticality"))
                    >= RANKS.indexOf((String) items.get(i).get("criticality")), "most critical first");
        }
        List<String> tags = items.stream().map(m -> (String) m.get("tag")).toList();
        assertFalse(tags.contains(p + "-Z"), "an asset in a zone is not unzoned");
        if (tags.contains(p + "-A") && tags.contains(p + "-B")) {
            assertTrue(tags.indexOf(p + "-A") < tags.indexOf(p + "-B"), "then by tag");
        }
        Map<String, Object> first = items.get(0);
        assertTrue(first.keySet().containsAll(List.of("id", "tag", "name", "type", "criticality")));
    }

    @Test
    void rolesAndRouting() {
        given().get(REPORT).then().statusCode(401).contentType("application/problem+json");
        problem(as("nobody").get(REPORT).then(), 403);
        as("viewer").get(REPORT).then().statusCode(200);
        // "report" and "conduits" are literal sub-paths, never taken for a zone id
        as("viewer").get(HierarchyApi.CONDUITS).then().statusCode(200);
        problem(as("engineer").delete(REPORT).then(), 405);
    }
}
