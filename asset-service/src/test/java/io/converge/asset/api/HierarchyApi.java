package io.converge.asset.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers for the hierarchy, zone, conduit and report endpoints (real tokens, real database). */
final class HierarchyApi {

    static final String SITES = "/api/v1/sites";
    static final String ZONES = "/api/v1/zones";
    static final String CONDUITS = "/api/v1/zones/conduits";

    private HierarchyApi() {
    }

    static RequestSpecification as(String user) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Asserts a problem+json answer with this status and no stack trace. */
    static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body(not(containsString("Exception"))).body(not(containsString("at io.")));
    }

    static Map<String, Object> nodeBody(String level, String code, String parentId) {
        Map<String, Object> m = new HashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("name", "Node " + code);
        m.put("description", "test " + level);
        if (parentId != null) {
            m.put("parentId", parentId);
        }
        return m;
    }

    /** Creates a node as engineer and returns its id. */
    static String node(String level, String code, String parentId) {
        return as("engineer").body(nodeBody(level, code, parentId)).post(SITES).then().statusCode(201)
                .extract().path("id");
    }

    /** ids of a fresh chain enterprise → site → area → line → cell, in that order. */
    static List<String> chain(String prefix) {
        String base = unique(prefix);
        List<String> ids = new ArrayList<>();
        String parent = null;
        for (String level : List.of("enterprise", "site", "area", "line", "cell")) {
            parent = node(level, base + "-" + level.toUpperCase(), parent);
            ids.add(parent);
        }
        return ids;
    }

    static Map<String, Object> zoneBody(String name, Integer slTarget, Integer slAchieved, String siteId) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("description", "zone " + name);
        m.put("slTarget", slTarget);
        m.put("slAchieved", slAchieved);
        if (siteId != null) {
            m.put("siteId", siteId);
        }
        return m;
    }

    static String zone(String name, Integer slTarget, Integer slAchieved, String siteId) {
        return as("engineer").body(zoneBody(name, slTarget, slAchieved, siteId)).post(ZONES).then().statusCode(201)
                .extract().path("id");
    }

    static Map<String, Object> conduitBody(String name, String from, String to, List<String> protocols,
            Integer slTarget) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("fromZoneId", from);
        m.put("toZoneId", to);
        m.put("protocols", protocols);
        m.put("slTarget", slTarget);
        return m;
    }

    static String conduit(String name, String from, String to, List<String> protocols, Integer slTarget) {
        return as("engineer").body(conduitBody(name, from, to, protocols, slTarget)).post(CONDUITS).then()
                .statusCode(201).extract().path("id");
    }

    /** Inserts an asset directly (the asset API is not under test here) and returns its id. */
    static UUID insertAsset(Pool pool, String tag, String criticality, String nodeId, String zoneId) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO asset (id, tag, name, domain, type, criticality, status, node_id, zone_id)"
                + " VALUES ($1, $2, $3, 'OT', 'plc', $4, 'active', $5, $6)")
                .execute(Tuple.from(Arrays.asList(id, tag, "Asset " + tag, criticality,
                        nodeId == null ? null : UUID.fromString(nodeId), zoneId == null ? null : UUID.fromString(zoneId))))
                .await().atMost(Duration.ofSeconds(10));
        return id;
    }

    /** Audit actions recorded for the entity, oldest first, with the acting user's name. */
    static List<String> audit(Pool pool, String type, String id) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT action, actor_name FROM audit_entry WHERE entity_type = $1 AND entity_id = $2"
                + " ORDER BY id").execute(Tuple.of(type, UUID.fromString(id))).await().atMost(Duration.ofSeconds(10))
                .forEach(r -> out.add(r.getString("action") + ":" + r.getString("actor_name")));
        return out;
    }

    static void deleteAsset(Pool pool, UUID id) {
        pool.preparedQuery("DELETE FROM asset WHERE id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
    }

    /** Walks every page of a list with this page size; asserts no id appears twice; returns the items' ids. */
    static List<String> walk(String path, Map<String, Object> params, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification spec = as("viewer").queryParams(params).queryParam("limit", limit);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            Response r = spec.get(path);
            r.then().statusCode(200);
            List<String> page = r.jsonPath().getList("items.id");
            assertTrue(page.size() <= limit, "page larger than the limit");
            ids.addAll(page);
            cursor = r.jsonPath().getString("nextCursor");
            assertTrue(++pages < 1000, "pagination does not end");
        } while (cursor != null);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "an item appeared on two pages: " + ids);
        return ids;
    }

    static int count(String path, Map<String, Object> params) {
        return walk(path, params, 500).size();
    }
}
