package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Condition bindings against real PostgreSQL and Keycloak tokens: CRUD with If-Match, every bad input, roles. */
@QuarkusTest
class ConditionResourceTest {

    private static final String PATH = "/api/v1/kpis/conditions/";
    private static final String PROBLEM = "application/problem+json";
    private static final String GOOD = "{\"label\":\"bearing vibration\",\"threshold\":7.1,\"direction\":\"rising\"}";

    private static ValidatableResponse put(String user, String path, String body, String ifMatch) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                .body(body);
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.put(PATH + path).then();
    }

    private static ValidatableResponse get(String path) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + path).then();
    }

    private static String tag() {
        return "PUMP-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReadReplaceAndDelete() {
        String tag = tag();
        String etag = put("engineer", tag + "/vibration.rms", GOOD, null).statusCode(201)
                .header("Location", endsWith(PATH + tag + "/vibration.rms")).header("ETag", "\"1\"")
                .body("assetTag", equalTo(tag)).body("metric", equalTo("vibration.rms"))
                .body("threshold", equalTo(7.1f)).body("direction", equalTo("rising"))
                .body("alpha", equalTo(0.2f)).body("windowSize", equalTo(240))
                .body("label", equalTo("bearing vibration")).body("updatedBy", equalTo("engineer"))
                .extract().header("ETag");
        get(tag + "/vibration.rms").statusCode(200).header("ETag", etag).body("threshold", equalTo(7.1f))
                .body("prediction", nullValue());
        get("?asset=" + tag).statusCode(200).body("$", hasSize(1)).body("metric", hasItem("vibration.rms"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH).then().statusCode(200)
                .body("assetTag", hasItem(tag));
        // a second create needs the ETag; a stale one is refused
        put("engineer", tag + "/vibration.rms", GOOD, null).statusCode(428).contentType(startsWith(PROBLEM));
        put("engineer", tag + "/vibration.rms", GOOD, "\"9\"").statusCode(412).contentType(startsWith(PROBLEM));
        put("engineer", tag + "/vibration.rms",
                "{\"threshold\":80,\"direction\":\"falling\",\"alpha\":0.5,\"windowSize\":60}", etag)
                .statusCode(200).header("ETag", "\"2\"").body("threshold", equalTo(80.0f))
                .body("direction", equalTo("falling")).body("alpha", equalTo(0.5f)).body("windowSize", equalTo(60))
                .body("label", nullValue());
        given().header("Authorization", KeycloakTokens.bearer("engineer")).header("If-Match", etag)
                .delete(PATH + tag + "/vibration.rms").then().statusCode(412).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).header("If-Match", "\"2\"")
                .delete(PATH + tag + "/vibration.rms").then().statusCode(204);
        get(tag + "/vibration.rms").statusCode(404).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + tag + "/vibration.rms")
                .then().statusCode(404);
        // replacing what does not exist
        put("engineer", tag + "/motor.current", GOOD, "*").statusCode(404);
    }

    @Test
    void metricNamesMayHoldSlashesAndColons() {
        String tag = tag();
        put("admin", tag + "/motor/phase:a.current", "{\"threshold\":12,\"direction\":\"rising\"}", null)
                .statusCode(201).body("metric", equalTo("motor/phase:a.current"));
        get(tag + "/motor/phase:a.current").statusCode(200).body("metric", equalTo("motor/phase:a.current"));
    }

    @Test
    void badInputIs400AndWritesNothing() {
        String tag = tag();
        String p = tag + "/temperature";
        put("engineer", tag + "/9bad", GOOD, null).statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("metric"));
        put("engineer", "bad tag!/temperature", GOOD, null).statusCode(400).contentType(startsWith(PROBLEM));
        put("engineer", p, "{\"threshold\":\"NaN\",\"direction\":\"rising\"}", null).statusCode(400)
                .contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("threshold"));
        put("engineer", p, "{\"threshold\":\"Infinity\",\"direction\":\"rising\"}", null).statusCode(400)
                .body("errors[0].field", equalTo("threshold"));
        put("engineer", p, "{\"threshold\":1e999,\"direction\":\"rising\"}", null).statusCode(400)
                .contentType(startsWith(PROBLEM));
        put("engineer", p, "{\"threshold\":NaN,\"direction\":\"rising\"}", null).statusCode(400)
                .contentType(startsWith(PROBLEM));
        put("engineer", p, "{\"direction\":\"rising\"}", null).statusCode(400)
                .body("errors[0].field", equalTo("threshold"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"up\"}", null).statusCode(400)
                .body("errors[0].field", equalTo("direction"));
        put("engineer", p, "{\"threshold\":90}", null).statusCode(400).body("errors[0].field", equalTo("direction"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"alpha\":0}", null).statusCode(400)
                .body("errors[0].field", equalTo("alpha"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"alpha\":1.01}", null).statusCode(400)
                .body("errors[0].field", equalTo("alpha"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"alpha\":\"NaN\"}", null).statusCode(400)
                .body("errors[0].field", equalTo("alpha"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"windowSize\":2}", null).statusCode(400)
                .body("errors[0].field", equalTo("windowSize"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"windowSize\":5001}", null).statusCode(400)
                .body("errors[0].field", equalTo("windowSize"));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"windowSize\":1.5}", null).statusCode(400)
                .contentType(startsWith(PROBLEM));
        put("engineer", p, "{\"threshold\":90,\"direction\":\"rising\",\"colour\":\"red\"}", null).statusCode(400)
                .contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("colour"));
        put("engineer", p, "{\"threshold\":90,", null).statusCode(400).contentType(startsWith(PROBLEM));
        put("engineer", p, "", null).statusCode(400).contentType(startsWith(PROBLEM));
        put("engineer", p, GOOD, "W/\"1\"").statusCode(400).contentType(startsWith(PROBLEM));
        put("engineer", UUID.randomUUID() + "/temperature", GOOD, null).statusCode(404)
                .contentType(startsWith(PROBLEM));
        get(p).statusCode(404);
        get("?asset=" + tag).statusCode(200).body("$", hasSize(0));
        get("?asset=bad%20tag").statusCode(400).contentType(startsWith(PROBLEM));
    }

    @Test
    void onlyEngineersWriteAndViewersRead() {
        String p = tag() + "/temperature";
        given().contentType("application/json").body(GOOD).put(PATH + p).then().statusCode(401)
                .contentType(startsWith(PROBLEM));
        put("viewer", p, GOOD, null).statusCode(403).contentType(startsWith(PROBLEM));
        put("operator", p, GOOD, null).statusCode(403);
        put("approver", p, GOOD, null).statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get("/api/v1/kpis/maintenance").then()
                .statusCode(403);
        given().get("/api/v1/kpis/maintenance").then().statusCode(401);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).delete(PATH + p).then().statusCode(403);
        put("engineer", p, GOOD, null).statusCode(201);
        get(p).statusCode(200);
    }

    @Test
    void maintenanceListRefusesBadParameters() {
        String path = "/api/v1/kpis/maintenance";
        var viewer = given().header("Authorization", KeycloakTokens.bearer("viewer"));
        viewer.get(path + "?state=closed").then().statusCode(400).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(path + "?limit=0").then()
                .statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(path + "?limit=501").then()
                .statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(path + "?limit=ten").then()
                .statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(path + "?site=nope").then()
                .statusCode(400).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(path + "?line=nope").then()
                .statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(path + "?site=" + UUID.randomUUID())
                .then().statusCode(200).body("$", hasSize(0));
    }
}
