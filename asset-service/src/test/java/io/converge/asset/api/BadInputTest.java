package io.converge.asset.api;

import static io.converge.asset.api.AssetApi.as;
import static io.converge.asset.api.AssetApi.count;
import static io.converge.asset.api.AssetApi.plc;
import static io.converge.asset.api.AssetApi.uniqueTag;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input is a 4xx problem+json answer, never a stack trace, and nothing is written. */
@QuarkusTest
class BadInputTest {

    private static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body(not(containsString("Exception"))).body(not(containsString("at io.")));
    }

    @Test
    void malformedJson() {
        String tag = uniqueTag("BAD");
        problem(as("engineer").body("{\"tag\": \"" + tag + "\", \"name\": ").post("/api/v1/assets").then(), 400);
        problem(as("engineer").body("[1,2]").post("/api/v1/assets").then(), 400);
        assertEquals(0, count(tag));
    }

    @Test
    void unknownField() {
        String tag = uniqueTag("BAD");
        Map<String, Object> m = plc(tag);
        m.put("owner", "someone");
        problem(as("engineer").body(m).post("/api/v1/assets").then(), 400).body("errors.field", hasItem("owner"));
        assertEquals(0, count(tag));
    }

    @ParameterizedTest
    @CsvSource({
        "criticality, urgent, criticality",
        "type, toaster, type",
        "domain, XT, domain",
        "ipAddress, 10.0.0.300, ipAddress",
        "ipAddress, localhost, ipAddress",
        "ipAddress, 2001:db8::zz, ipAddress",
        "macAddress, 00:1b:1b:aa:bb, macAddress",
        "macAddress, 00:1b:1b:aa:bb:0g, macAddress",
        "tag, 'has space', tag",
        "type, server, typeInDomain",
        "firmwareVersion, 'v 1', firmwareVersion"})
    void invalidField(String field, String value, String reported) {
        String tag = uniqueTag("BAD");
        Map<String, Object> m = plc(tag);
        m.put(field, value);
        problem(as("engineer").body(m).post("/api/v1/assets").then(), 400).body("errors.field", hasItem(reported));
        assertEquals(0, count(tag));
    }

    @Test
    void missingRequiredFields() {
        problem(as("engineer").body(Map.of("tag", uniqueTag("BAD"))).post("/api/v1/assets").then(), 400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("criticality"));
        problem(as("engineer").body("null").post("/api/v1/assets").then(), 400);
    }

    @Test
    void unknownReferencesAre422() {
        String tag = uniqueTag("BAD");
        Map<String, Object> m = plc(tag);
        m.put("nodeId", "6f1c3cc0-0000-4000-8000-000000000001");
        m.put("zoneId", "6f1c3cc0-0000-4000-8000-000000000002");
        problem(as("engineer").body(m).post("/api/v1/assets").then(), 422).body("errors.field", hasItem("nodeId"))
                .body("errors.field", hasItem("zoneId"));
        assertEquals(0, count(tag));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String tag = uniqueTag("BIG");
        Map<String, Object> m = plc(tag);
        m.put("name", "x".repeat(2 * 1024 * 1024));
        problem(as("engineer").body(m).post("/api/v1/assets").then(), 413);
        assertEquals(0, count(tag));
    }

    @Test
    void badQueryParameters() {
        problem(as("viewer").queryParam("cursor", "not-a-cursor").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("cursor", "eyJzIjoidGFnIiwiayI6WzFdfQ").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("sort", "password").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("sort", "tag;DROP TABLE asset").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("limit", 0).get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("limit", 100000).get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("site", "abc").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("status", "on-fire").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("label", "nocolon").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("q", "x".repeat(300)).get("/api/v1/assets").then(), 400);
        problem(as("viewer").get("/api/v1/assets/not-a-uuid").then(), 400);
        // the cursor of one sort order does not fit another
        String prefix = uniqueTag("CUR");
        for (int i = 0; i < 3; i++) {
            AssetApi.create(plc(prefix + i)).then().statusCode(201);
        }
        String cursor = as("viewer").queryParam("q", prefix).queryParam("limit", 1).get("/api/v1/assets")
                .jsonPath().getString("nextCursor");
        problem(as("viewer").queryParam("q", prefix).queryParam("sort", "name").queryParam("cursor", cursor)
                .get("/api/v1/assets").then(), 400);
        // SQL in a free-text filter is just text
        as("viewer").queryParam("q", "'; DELETE FROM asset; --").get("/api/v1/assets").then().statusCode(200);
    }

    @Test
    void nulCharactersAreRefusedNotFailed() {
        problem(as("viewer").queryParam("q", "a\u0000b").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("firmwareVersion", "V\u00001").get("/api/v1/assets").then(), 400);
        problem(as("viewer").body(Map.of("tags", java.util.List.of("X\u0000"))).post("/api/v1/assets/resolve")
                .then(), 400);
        String tag = uniqueTag("NUL");
        Map<String, Object> m = plc(tag);
        m.put("name", "a\u0000b");
        problem(as("engineer").body(m).post("/api/v1/assets").then(), 400);
        Map<String, Object> l = plc(tag);
        l.put("labels", Map.of("k", "v\u0000"));
        problem(as("engineer").body(l).post("/api/v1/assets").then(), 400);
        assertEquals(0, count(tag));
    }

    @Test
    void nonNumericPagingParametersAre400() {
        problem(as("viewer").queryParam("limit", "abc").get("/api/v1/assets").then(), 400);
        problem(as("viewer").queryParam("limit", "abc").get("/api/v1/sites").then(), 400);
        problem(as("viewer").queryParam("limit", "1e3").get("/api/v1/zones").then(), 400);
        problem(as("viewer").queryParam("limit", "-").get("/api/v1/zones/conduits").then(), 400);
        String id = AssetApi.create(plc(uniqueTag("AUD"))).jsonPath().getString("id");
        problem(as("viewer").queryParam("before", "x").get("/api/v1/assets/" + id + "/audit").then(), 400);
    }

    @Test
    void wrongContentTypeAndMethod() {
        problem(as("engineer").contentType("text/plain").body("tag=x").post("/api/v1/assets").then(), 415);
        problem(as("viewer").get("/api/v1/nothing-here").then(), 404);
    }
}
