package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** KPI bindings against real PostgreSQL and Keycloak tokens: create, read, replace with If-Match, delete, refusals. */
@QuarkusTest
class BindingResourceTest {

    private static final String PATH = "/api/v1/kpis/bindings/";
    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse put(String user, String scope, String body, String ifMatch) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                .body(body);
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.put(PATH + scope).then();
    }

    private static String line() {
        return "line:" + UUID.randomUUID();
    }

    @Test
    void createReadReplaceAndDelete() {
        String scope = line();
        String etag = put("engineer", scope, "{\"stateMetric\":\"machine.state\",\"goodCountMetric\":\"count.good\"}",
                null).statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/kpis/bindings/" + scope)).header("ETag", "\"1\"")
                .body("scope", equalTo(scope)).body("stateMetric", equalTo("machine.state"))
                .body("energyMetric", nullValue()).body("updatedBy", equalTo("engineer")).extract().header("ETag");
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + scope).then().statusCode(200)
                .header("ETag", etag).body("goodCountMetric", equalTo("count.good"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH).then().statusCode(200)
                .body("scope", hasItem(scope));
        // a second create is refused: replacing needs the ETag
        put("engineer", scope, "{\"energyMetric\":\"energy.kwh\"}", null).statusCode(428)
                .contentType(startsWith(PROBLEM));
        put("engineer", scope, "{\"energyMetric\":\"energy.kwh\"}", "\"7\"").statusCode(412);
        put("engineer", scope, "{\"energyMetric\":\"energy.kwh\"}", etag).statusCode(200).header("ETag", "\"2\"")
                .body("energyMetric", equalTo("energy.kwh")).body("stateMetric", nullValue());
        given().header("Authorization", KeycloakTokens.bearer("engineer")).header("If-Match", etag)
                .delete(PATH + scope).then().statusCode(412);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + scope).then()
                .statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + scope).then().statusCode(404)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void assetScopesUseTheTag() {
        put("engineer", "asset:PLC-L1-01", "{\"stateMetric\":\"state\"}", "*").statusCode(404);
        put("engineer", "asset:PLC-L1-01", "{\"stateMetric\":\"state\"}", null).statusCode(201)
                .body("scope", equalTo("asset:PLC-L1-01"));
    }

    @Test
    void badInputIs400AndWritesNothing() {
        String scope = line();
        put("engineer", scope, "{\"stateMetric\":\"bad metric\"}", null).statusCode(400)
                .contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("stateMetric"));
        put("engineer", scope, "{\"downReasonMetric\":\"reason\"}", null).statusCode(400)
                .contentType(startsWith(PROBLEM));
        put("engineer", scope, "{}", null).statusCode(400);
        put("engineer", scope, "{\"stateMetric\":\"s\",\"colour\":\"red\"}", null).statusCode(400);
        put("engineer", scope, "{\"stateMetric\":", null).statusCode(400).contentType(startsWith(PROBLEM));
        put("engineer", "plant:7", "{\"stateMetric\":\"s\"}", null).statusCode(400)
                .body("detail", startsWith("unknown scope"));
        put("engineer", "line:not-a-uuid", "{\"stateMetric\":\"s\"}", null).statusCode(400);
        put("engineer", scope, "{\"stateMetric\":\"s\"}", "W/\"1\"").statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + scope).then().statusCode(404);
    }

    @Test
    void onlyEngineersWriteAndViewersRead() {
        String scope = line();
        given().contentType("application/json").body("{\"stateMetric\":\"s\"}").put(PATH + scope).then()
                .statusCode(401).contentType(startsWith(PROBLEM));
        put("viewer", scope, "{\"stateMetric\":\"s\"}", null).statusCode(403).contentType(startsWith(PROBLEM));
        put("operator", scope, "{\"stateMetric\":\"s\"}", null).statusCode(403);
        put("approver", scope, "{\"stateMetric\":\"s\"}", null).statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
        put("admin", scope, "{\"stateMetric\":\"s\"}", null).statusCode(201);
    }
}
