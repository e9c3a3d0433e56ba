package io.converge.asset.api;

import static io.restassured.RestAssured.given;

import io.converge.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Test helpers for asset requests with real tokens. */
final class AssetApi {

    private AssetApi() {
    }

    static RequestSpecification as(String user) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType(ContentType.JSON);
    }

    static String uniqueTag(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> plc(String tag) {
        Map<String, Object> m = new HashMap<>();
        m.put("tag", tag);
        m.put("name", "Filler PLC " + tag);
        m.put("domain", "OT");
        m.put("type", "plc");
        m.put("vendor", "Siemens");
        m.put("model", "S7-1500");
        m.put("ipAddress", "10.20.1.15");
        m.put("macAddress", "00-1B-1B-AA-BB-01");
        m.put("criticality", "high");
        m.put("firmwareVersion", "V2.9.4");
        m.put("labels", Map.of("line", "filler", "vendor-support", "yes"));
        return m;
    }

    static Response create(Map<String, Object> body) {
        return as("engineer").body(body).post("/api/v1/assets");
    }

    static long count(String q) {
        int total = 0;
        String cursor = null;
        do {
            var spec = as("viewer").queryParam("q", q).queryParam("limit", 500);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            Response r = spec.get("/api/v1/assets");
            total += r.jsonPath().getList("items").size();
            cursor = r.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return total;
    }
}
