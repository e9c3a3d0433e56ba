package io.converge.asset.api;

import static io.converge.asset.api.AssetApi.as;
import static io.converge.asset.api.AssetApi.count;
import static io.converge.asset.api.AssetApi.create;
import static io.converge.asset.api.AssetApi.plc;
import static io.converge.asset.api.AssetApi.uniqueTag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssetResourceTest {

    @Test
    void createReadReplaceDelete() {
        String tag = uniqueTag("PLC");
        Response created = create(plc(tag));
        created.then().statusCode(201).header("Location", notNullValue()).header("ETag", "\"1\"")
                .body("tag", equalTo(tag)).body("status", equalTo("active"))
                .body("macAddress", equalTo("00:1b:1b:aa:bb:01")).body("labels.line", equalTo("filler"));
        String id = created.jsonPath().getString("id");
        String location = created.header("Location");
        assertEquals(true, location.endsWith("/api/v1/assets/" + id));

        as("viewer").get("/api/v1/assets/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("criticality", equalTo("high")).body("firmwareVersion", equalTo("V2.9.4"));
        as("viewer").get("/api/v1/assets/by-tag/" + tag).then().statusCode(200).body("id", equalTo(id));

        Map<String, Object> changed = plc(tag);
        changed.put("firmwareVersion", "V3.0.1");
        as("engineer").header("If-Match", "\"1\"").body(changed).put("/api/v1/assets/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("firmwareVersion", equalTo("V3.0.1"))
                .body("version", is(2));
        // replaying the same write with the old ETag is refused: 412
        as("engineer").header("If-Match", "\"1\"").body(changed).put("/api/v1/assets/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        // an identical replace changes nothing (no new version, no event)
        as("engineer").header("If-Match", "\"2\"").body(changed).put("/api/v1/assets/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");

        as("viewer").get("/api/v1/assets/" + id + "/audit").then().statusCode(200)
                .body("action", contains("updated", "created"))
                .body("[0].actorName", equalTo("engineer"))
                .body("[0].before.firmwareVersion", equalTo("V2.9.4"))
                .body("[0].after.firmwareVersion", equalTo("V3.0.1"));

        as("engineer").header("If-Match", "\"1\"").delete("/api/v1/assets/" + id).then().statusCode(412);
        as("engineer").header("If-Match", "\"2\"").delete("/api/v1/assets/" + id).then().statusCode(204);
        as("viewer").get("/api/v1/assets/" + id).then().statusCode(404).contentType("application/problem+json");
        as("viewer").get("/api/v1/assets/" + id + "/audit").then().statusCode(200).body("[0].action",
                equalTo("deleted"));
    }

    @Test
    void replaceNeedsIfMatch() {
        String id = create(plc(uniqueTag("PLC"))).jsonPath().getString("id");
        as("engineer").body(plc(uniqueTag("PLC"))).put("/api/v1/assets/" + id)
                .then().statusCode(428).contentType("application/problem+json").body("status", is(428));
        as("engineer").header("If-Match", "W/\"1\"").body(plc(uniqueTag("PLC"))).put("/api/v1/assets/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        as("engineer").header("If-Match", "\"1\"").body(plc(uniqueTag("PLC")))
                .put("/api/v1/assets/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void duplicateTagIsConflictAndWritesNothing() {
        String tag = uniqueTag("DUP");
        create(plc(tag)).then().statusCode(201);
        Map<String, Object> again = plc(tag);
        again.put("name", "second");
        create(again).then().statusCode(409).contentType("application/problem+json")
                .body("type", startsWith("urn:converge:problem:"));
        assertEquals(1, count(tag));
    }

    @Test
    void statusLifecycleAndQuarantineRights() {
        String tag = uniqueTag("HMI");
        Response r = create(plc(tag));
        String id = r.jsonPath().getString("id");
        // an engineer may not quarantine
        as("engineer").header("If-Match", "\"1\"").body(Map.of("status", "quarantined", "reason", "suspicious"))
                .post("/api/v1/assets/" + id + "/status").then().statusCode(403)
                .contentType("application/problem+json");
        // a security analyst may
        as("analyst").header("If-Match", "\"1\"").body(Map.of("status", "quarantined", "reason", "beaconing"))
                .post("/api/v1/assets/" + id + "/status").then().statusCode(200).body("status",
                        equalTo("quarantined")).header("ETag", "\"2\"");
        // an engineer may not take it out of quarantine, even through a replace
        Map<String, Object> body = plc(tag);
        body.put("status", "active");
        as("engineer").header("If-Match", "\"2\"").body(body).put("/api/v1/assets/" + id).then().statusCode(403);
        // the analyst releases it to maintenance, the engineer retires it; retired is final
        as("analyst").header("If-Match", "\"2\"").body(Map.of("status", "maintenance"))
                .post("/api/v1/assets/" + id + "/status").then().statusCode(200);
        as("engineer").header("If-Match", "\"3\"").body(Map.of("status", "retired"))
                .post("/api/v1/assets/" + id + "/status").then().statusCode(200);
        as("engineer").header("If-Match", "\"4\"").body(Map.of("status", "active"))
                .post("/api/v1/assets/" + id + "/status").then().statusCode(409)
                .contentType("application/problem+json");
        as("viewer").get("/api/v1/assets/" + id + "/audit").then()
                .body("[2].reason", equalTo("beaconing")).body("[2].actorName", equalTo("analyst"));
    }

    @Test
    void filtersAndSort() {
        String prefix = uniqueTag("FLT");
        Map<String, Object> a = plc(prefix + "-a");
        a.put("criticality", "low");
        Map<String, Object> b = plc(prefix + "-b");
        b.put("criticality", "critical");
        b.put("firmwareVersion", "V9");
        Map<String, Object> c = plc(prefix + "-c");
        c.put("domain", "IT");
        c.put("type", "server");
        c.put("labels", Map.of("env", "prod"));
        for (var m : List.of(a, b, c)) {
            create(m).then().statusCode(201);
        }
        as("viewer").queryParam("q", prefix).queryParam("sort", "-criticality").get("/api/v1/assets").then()
                .statusCode(200).body("items.tag", contains(prefix + "-b", prefix + "-c", prefix + "-a"));
        as("viewer").queryParam("q", prefix).queryParam("domain", "IT").get("/api/v1/assets").then()
                .body("items.tag", contains(prefix + "-c"));
        as("viewer").queryParam("q", prefix).queryParam("type", "plc,server").queryParam("criticality", "low,critical")
                .get("/api/v1/assets").then().body("items.tag", contains(prefix + "-a", prefix + "-b"));
        as("viewer").queryParam("q", prefix).queryParam("firmwareVersion", "V9").get("/api/v1/assets").then()
                .body("items", hasSize(1));
        as("viewer").queryParam("q", prefix).queryParam("label", "env:prod").get("/api/v1/assets").then()
                .body("items.tag", contains(prefix + "-c"));
        as("viewer").queryParam("q", prefix).queryParam("status", "active").queryParam("sort", "-tag")
                .get("/api/v1/assets").then().body("items.tag", contains(prefix + "-c", prefix + "-b",
                        prefix + "-a"));
    }

    @Test
    void cursorPaginationWalksEveryRowOnce() {
        String prefix = uniqueTag("PG");
        for (int i = 0; i < 23; i++) {
            Map<String, Object> m = plc(prefix + "-" + String.format("%02d", i));
            m.put("criticality", List.of("low", "medium", "high", "critical").get(i % 4));
            create(m).then().statusCode(201);
        }
        for (String sort : List.of("tag", "-criticality,name", "createdAt", "-updatedAt,-tag")) {
            Set<String> seen = new HashSet<>();
            List<String> order = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var spec = as("viewer").queryParam("q", prefix).queryParam("limit", 5).queryParam("sort", sort);
                if (cursor != null) {
                    spec = spec.queryParam("cursor", cursor);
                }
                Response page = spec.get("/api/v1/assets");
                page.then().statusCode(200);
                List<String> tags = page.jsonPath().getList("items.tag");
                order.addAll(tags);
                seen.addAll(tags);
                cursor = page.jsonPath().getString("nextCursor");
                pages++;
            } while (cursor != null);
            assertEquals(23, order.size(), sort);
            assertEquals(23, seen.size(), sort);
            assertEquals(5, pages, sort);
        }
    }

    @Test
    void batchResolve() {
        String tag = uniqueTag("RES");
        String id = create(plc(tag)).jsonPath().getString("id");
        as("viewer").body(Map.of("tags", List.of(tag, "NOPE-" + tag, tag))).post("/api/v1/assets/resolve").then()
                .statusCode(200).body("known", hasSize(1)).body("known[0].id", equalTo(id))
                .body("known[0].status", equalTo("active")).body("known[0].criticality", equalTo("high"))
                .body("unknown", contains("NOPE-" + tag));
        as("viewer").body(Map.of("tags", List.of())).post("/api/v1/assets/resolve").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void whoami() {
        as("engineer").get("/api/v1/assets/whoami").then().statusCode(200).body("username", equalTo("engineer"))
                .body("roles", org.hamcrest.Matchers.hasItems("engineer", "operator", "viewer"));
        assertNotNull(as("viewer").get("/api/v1/assets/whoami").jsonPath().getString("subject"));
    }
}
