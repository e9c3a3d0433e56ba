package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alarm rules against real PostgreSQL and Keycloak tokens: create, read, replace with If-Match, delete, refusals. */
@QuarkusTest
class AlarmRuleResourceTest {

    private static final String PATH = "/api/v1/kpis/alarm-rules";
    private static final String PROBLEM = "application/problem+json";

    static String rule(String scope, String metricOrKpi, String extra) {
        return "{\"scope\":\"" + scope + "\"," + metricOrKpi + ",\"operator\":\">\",\"threshold\":80,"
                + "\"severity\":\"critical\"" + extra + "}";
    }

    static ValidatableResponse post(String user, String body) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json").body(body)
                .post(PATH).then();
    }

    private static ValidatableResponse put(String user, String id, String body, String ifMatch) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                .body(body);
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.put(PATH + "/" + id).then();
    }

    private static ValidatableResponse list(String scope) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("scope", scope).get(PATH)
                .then();
    }

    private static String tag() {
        return "ALR-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReadReplaceAndDelete() {
        String scope = "asset:" + tag();
        var created = post("engineer", rule(scope, "\"metric\":\"spindle.temp\"",
                ",\"forSeconds\":60,\"hysteresis\":2,\"description\":\"spindle too hot\""))
                .statusCode(201).header("ETag", "\"1\"").body("scope", equalTo(scope))
                .body("metric", equalTo("spindle.temp")).body("kpi", nullValue()).body("widthSeconds", nullValue())
                .body("operator", equalTo(">")).body("threshold", equalTo(80.0f)).body("forSeconds", equalTo(60))
                .body("severity", equalTo("critical")).body("hysteresis", equalTo(2.0f))
                .body("enabled", equalTo(true)).body("createdBy", equalTo("engineer")).extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith(PATH + "/" + id), created.header("Location"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("description", equalTo("spindle too hot"));
        list(scope).statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(id));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH).then().statusCode(200)
                .body("id", hasItem(id));
        String replacement = rule(scope, "\"metric\":\"spindle.temp\"", ",\"forSeconds\":30");
        put("engineer", id, replacement, null).statusCode(428).contentType(startsWith(PROBLEM));
        put("engineer", id, replacement, "\"7\"").statusCode(412).contentType(startsWith(PROBLEM));
        put("engineer", id, replacement, "\"1\"").statusCode(200).header("ETag", "\"2\"")
                .body("forSeconds", equalTo(30)).body("description", nullValue())
                .body("updatedBy", equalTo("engineer"));
        put("engineer", UUID.randomUUID().toString(), replacement, "*").statusCode(404)
                .contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).header("If-Match", "\"1\"")
                .delete(PATH + "/" + id).then().statusCode(412);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + id).then()
                .statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(404)
                .contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + id).then()
                .statusCode(404);
    }

    @Test
    void kpiRulesTakeAConfiguredWidthAndLineScopes() {
        String line = "line:" + UUID.randomUUID();
        post("engineer", "{\"scope\":\"" + line + "\",\"kpi\":\"oee\",\"operator\":\"<\",\"threshold\":0.6,"
                + "\"severity\":\"warning\"}").statusCode(201).body("kpi", equalTo("oee"))
                .body("widthSeconds", equalTo(60)).body("forSeconds", equalTo(0)).body("hysteresis", equalTo(0.0f))
                .header("Location", containsString(PATH + "/"));
        post("admin", "{\"scope\":\"" + line + "\",\"kpi\":\"energy-per-good-unit\",\"widthSeconds\":3600,"
                + "\"operator\":\">=\",\"threshold\":1.5,\"severity\":\"info\",\"enabled\":false}").statusCode(201)
                .body("widthSeconds", equalTo(3600)).body("enabled", equalTo(false));
        list(line).body("$", hasSize(2));
    }

    @Test
    void badInputIs400WithFieldErrorsAndWritesNothing() {
        String scope = "asset:" + tag();
        String metric = "\"metric\":\"spindle.temp\"";
        String[][] cases = {
            {rule("plant:7", metric, ""), "scope"},
            {rule("line:not-a-uuid", metric, ""), "scope"},
            {"{\"metric\":\"t\",\"operator\":\">\",\"threshold\":1,\"severity\":\"info\"}", "scope"},
            {rule(scope, metric + ",\"kpi\":\"oee\"", ""), "kpi"},
            {rule(scope, "\"description\":\"neither\"", ""), "metric"},
            {rule(scope, "\"kpi\":\"uptime\"", ""), "kpi"},
            {rule(scope, "\"kpi\":\"oee\"", ",\"widthSeconds\":300"), "widthSeconds"},
            {rule(scope, metric, ",\"widthSeconds\":60"), "widthSeconds"},
            {rule(scope, "\"metric\":\"bad metric\"", ""), "metric"},
            {rule(scope, "\"metric\":\"9lives\"", ""), "metric"},
            {rule(scope, metric, "").replace("\">\"", "\"==\""), "operator"},
            {rule(scope, metric, "").replace("\"operator\":\">\",", ""), "operator"},
            {rule(scope, metric, "").replace("80", "\"NaN\""), "threshold"},
            {rule(scope, metric, "").replace("80", "\"Infinity\""), "threshold"},
            {rule(scope, metric, "").replace("80", "1e999"), "threshold"},
            {rule(scope, metric, "").replace("\"threshold\":80,", ""), "threshold"},
            {rule(scope, metric, ",\"forSeconds\":-1"), "forSeconds"},
            {rule(scope, metric, ",\"forSeconds\":1.5"), "forSeconds"},
            {rule(scope, metric, ",\"forSeconds\":2678401"), "forSeconds"},
            {rule(scope, "\"kpi\":\"oee\"", ",\"widthSeconds\":60.5"), "widthSeconds"},
            {rule(scope, metric, ",\"hysteresis\":-0.5"), "hysteresis"},
            {rule(scope, metric, "").replace("critical", "fatal"), "severity"},
            {rule(scope, metric, "").replace("critical", "CRITICAL"), "severity"},
            {rule(scope, metric, ",\"colour\":\"red\""), "colour"},
            {rule(scope, metric, ",\"description\":\"" + "x".repeat(501) + "\""), "description"},
        };
        for (String[] c : cases) {
            post("engineer", c[0]).statusCode(400).contentType(startsWith(PROBLEM))
                    .body("errors.field", hasItem(c[1]));
        }
        post("engineer", "{\"scope\":").statusCode(400).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .post(PATH).then().statusCode(400).contentType(startsWith(PROBLEM));
        // every error at once
        post("engineer", "{\"scope\":\"x\",\"operator\":\"!\",\"severity\":\"loud\",\"forSeconds\":-5}")
                .statusCode(400).body("errors", hasSize(6));
        list(scope).statusCode(200).body("$", hasSize(0));
        // a bad replacement writes nothing either
        String id = post("engineer", rule(scope, metric, "")).statusCode(201).extract().path("id");
        put("engineer", id, rule(scope, metric, ",\"hysteresis\":-1"), "\"1\"").statusCode(400)
                .body("errors[0].field", equalTo("hysteresis"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then()
                .header("ETag", "\"1\"").body("hysteresis", equalTo(0.0f));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/not-a-uuid").then()
                .statusCode(400).contentType(startsWith(PROBLEM));
        list("plant:7").statusCode(400).contentType(startsWith(PROBLEM));
    }

    @Test
    void engineersWriteViewersRead() {
        String body = rule("asset:" + tag(), "\"metric\":\"t\"", "");
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401)
                .contentType(startsWith(PROBLEM));
        post("viewer", body).statusCode(403).contentType(startsWith(PROBLEM));
        post("operator", body).statusCode(403);
        post("approver", body).statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
        String id = post("engineer", body).statusCode(201).extract().path("id");
        put("operator", id, body, "\"1\"").statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).delete(PATH + "/" + id).then()
                .statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("operator")).get(PATH + "/" + id).then()
                .statusCode(200).header("Location", nullValue());
        given().header("Authorization", KeycloakTokens.bearer("admin")).delete(PATH + "/" + id).then()
                .statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then()
                .statusCode(404).body("detail", endsWith("does not exist"));
    }
}
