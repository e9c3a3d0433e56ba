package io.converge.asset.api;

import static io.converge.asset.api.HierarchyApi.CONDUITS;
import static io.converge.asset.api.HierarchyApi.as;
import static io.converge.asset.api.HierarchyApi.conduit;
import static io.converge.asset.api.HierarchyApi.conduitBody;
import static io.converge.asset.api.HierarchyApi.problem;
import static io.converge.asset.api.HierarchyApi.unique;
import static io.converge.asset.api.HierarchyApi.walk;
import static io.converge.asset.api.HierarchyApi.zone;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** IEC 62443 conduits under /api/v1/zones/conduits with real tokens and the real database. */
@QuarkusTest
class ConduitResourceTest {

    private static int countFor(String zoneId) {
        return walk(CONDUITS, Map.of("zoneId", zoneId), 500).size();
    }

    @Test
    void createReadReplaceDelete() {
        String a = zone(unique("CZ a"), 3, 2, null);
        String b = zone(unique("CZ b"), 2, 2, null);
        String c = zone(unique("CZ c"), 1, 1, null);
        String name = unique("Cell to DMZ");
        Response r = as("engineer").body(conduitBody(name, a, b, List.of("modbus-tcp", "opc-ua", "https"), 3))
                .post(CONDUITS);
        r.then().statusCode(201).header("Location", endsWith(CONDUITS + "/" + r.path("id")))
                .header("ETag", equalTo("\"1\"")).body("fromZoneId", equalTo(a)).body("toZoneId", equalTo(b))
                .body("protocols", contains("modbus-tcp", "opc-ua", "https")).body("slTarget", equalTo(3));
        String id = r.path("id");
        as("viewer").get(CONDUITS + "/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", equalTo(name));

        Map<String, Object> body = conduitBody(name, a, c, List.of("https"), null);
        problem(as("engineer").body(body).put(CONDUITS + "/" + id).then(), 428);
        problem(as("engineer").header("If-Match", "\"5\"").body(body).put(CONDUITS + "/" + id).then(), 412);
        as("engineer").header("If-Match", "\"1\"").body(body).put(CONDUITS + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\"")).body("toZoneId", equalTo(c)).body("protocols", contains("https"))
                .body("slTarget", nullValue());
        assertEquals(0, countFor(b));
        assertEquals(1, countFor(c));

        problem(as("engineer").header("If-Match", "\"1\"").delete(CONDUITS + "/" + id).then(), 412);
        as("engineer").header("If-Match", "\"2\"").delete(CONDUITS + "/" + id).then().statusCode(204);
        problem(as("viewer").get(CONDUITS + "/" + id).then(), 404);
        problem(as("engineer").delete(CONDUITS + "/" + id).then(), 404);
        problem(as("viewer").get(CONDUITS + "/" + UUID.randomUUID()).then(), 404);
    }

    @Test
    void endsMustBeDistinctExistingZones() {
        String a = zone(unique("CZ end"), 2, 2, null);
        String name = unique("Loop");
        problem(as("engineer").body(conduitBody(name, a, a, List.of(), null)).post(CONDUITS).then(), 422)
                .body("errors.field", hasItem("toZoneId"));
        problem(as("engineer").body(conduitBody(name, a, UUID.randomUUID().toString(), List.of(), null))
                .post(CONDUITS).then(), 422).body("errors.field", contains("toZoneId"));
        problem(as("engineer").body(conduitBody(name, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                List.of(), null)).post(CONDUITS).then(), 422).body("errors.field", contains("fromZoneId", "toZoneId"));
        assertEquals(0, countFor(a));
    }

    @Test
    void invalidBodiesAre400() {
        String a = zone(unique("CZ bad"), 2, 2, null);
        String b = zone(unique("CZ bad"), 2, 2, null);
        List<String> tooMany = IntStream.range(0, 21).mapToObj(i -> "p" + i).toList();
        problem(as("engineer").body(conduitBody(unique("C"), a, b, tooMany, null)).post(CONDUITS).then(), 400)
                .body("errors.field", hasItem("protocols"));
        problem(as("engineer").body(conduitBody(unique("C"), a, b, List.of("Modbus TCP"), null)).post(CONDUITS)
                .then(), 400).body("errors[0].field", containsString("protocols"));
        problem(as("engineer").body(conduitBody(unique("C"), a, b, List.of(), 5)).post(CONDUITS).then(), 400)
                .body("errors.field", hasItem("slTarget"));
        problem(as("engineer").body(conduitBody(unique("C"), a, null, List.of(), null)).post(CONDUITS).then(), 400)
                .body("errors.field", hasItem("toZoneId"));
        Map<String, Object> unknown = new HashMap<>(conduitBody(unique("C"), a, b, List.of(), null));
        unknown.put("bandwidth", 100);
        problem(as("engineer").body(unknown).post(CONDUITS).then(), 400).body("errors.field", hasItem("bandwidth"));
        problem(as("engineer").body("{\"name\": \"x\", \"fromZoneId\": \"not-a-uuid\"}").post(CONDUITS).then(), 400);
        problem(as("engineer").body("{\"name\": ").post(CONDUITS).then(), 400);
        assertEquals(0, countFor(a));
        // exactly 20 protocols is fine
        conduit(unique("C20"), a, b, IntStream.range(0, 20).mapToObj(i -> "p" + i).toList(), 2);
        assertEquals(1, countFor(a));
    }

    @Test
    void duplicateNameIs409() {
        String a = zone(unique("CZ dup"), 2, 2, null);
        String b = zone(unique("CZ dup"), 2, 2, null);
        String name = unique("Dup conduit");
        conduit(name, a, b, List.of("opc-ua"), null);
        problem(as("engineer").body(conduitBody(name, b, a, List.of(), null)).post(CONDUITS).then(), 409)
                .body("detail", containsString(name));
        assertEquals(1, countFor(a));
    }

    @Test
    void listByZoneEitherEndPagesWithoutDuplicates() {
        String hub = zone(unique("CZ hub"), 2, 2, null);
        String other = zone(unique("CZ spoke"), 2, 2, null);
        String third = zone(unique("CZ spoke"), 2, 2, null);
        List<String> mine = new ArrayList<>();
        String prefix = unique("Spoke");
        for (int i = 0; i < 4; i++) {
            mine.add(conduit(prefix + " out " + i, hub, other, List.of("https"), null));
            mine.add(conduit(prefix + " in " + i, third, hub, List.of("https"), null));
        }
        conduit(prefix + " unrelated", other, third, List.of(), null);
        List<String> ids = walk(CONDUITS, Map.of("zoneId", hub), 3);
        Collections.sort(ids);
        Collections.sort(mine);
        assertEquals(mine, ids);
        assertEquals(8, walk(CONDUITS, Map.of("zoneId", hub, "sort", "-createdAt"), 1).size());
        assertEquals(5, walk(CONDUITS, Map.of("zoneId", other, "sort", "-name"), 2).size());
        problem(as("viewer").queryParam("cursor", "%%%").get(CONDUITS).then(), 400);
        problem(as("viewer").queryParam("zoneId", "nope").get(CONDUITS).then(), 400);
        problem(as("viewer").queryParam("sort", "protocols").get(CONDUITS).then(), 400);
    }

    @Test
    void rolesAndTokens() {
        String a = zone(unique("CZ auth"), 2, 2, null);
        String b = zone(unique("CZ auth"), 2, 2, null);
        given().get(CONDUITS).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(conduitBody(unique("C"), a, b, List.of(), null)).post(CONDUITS)
                .then().statusCode(401).contentType("application/problem+json");
        problem(as("viewer").body(conduitBody(unique("C"), a, b, List.of(), null)).post(CONDUITS).then(), 403);
        problem(as("nobody").get(CONDUITS).then(), 403);
        String id = conduit(unique("C"), a, b, List.of(), null);
        as("analyst").get(CONDUITS + "/" + id).then().statusCode(200);
        problem(as("viewer").header("If-Match", "\"1\"").body(conduitBody(unique("C"), a, b, List.of(), null))
                .put(CONDUITS + "/" + id).then(), 403);
        problem(as("viewer").delete(CONDUITS + "/" + id).then(), 403);
        as("admin").delete(CONDUITS + "/" + id).then().statusCode(204);
        assertEquals(0, countFor(a));
    }
}
