package io.converge.asset.api;

import static io.converge.asset.api.AssetApi.as;
import static io.converge.asset.api.AssetApi.plc;
import static io.converge.asset.api.AssetApi.uniqueTag;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role matrix with real Keycloak tokens: no token 401, wrong role 403, right role 2xx. */
@QuarkusTest
class AuthorizationTest {

    @ParameterizedTest(name = "{0} lists assets → {1}")
    @CsvSource({"viewer, 200", "operator, 200", "engineer, 200", "approver, 200", "analyst, 200", "admin, 200",
        "nobody, 403"})
    void read(String user, int status) {
        as(user).get("/api/v1/assets").then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} creates an asset → {1}")
    @CsvSource({"viewer, 403", "operator, 403", "engineer, 201", "approver, 403", "analyst, 403", "admin, 201",
        "nobody, 403"})
    void create(String user, int status) {
        as(user).body(plc(uniqueTag("AUTH"))).post("/api/v1/assets").then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} quarantines → {1}")
    @CsvSource({"viewer, 403", "operator, 403", "engineer, 403", "approver, 403", "analyst, 200", "admin, 200",
        "nobody, 403"})
    void quarantine(String user, int status) {
        String id = AssetApi.create(plc(uniqueTag("AUTH"))).jsonPath().getString("id");
        as(user).header("If-Match", "\"1\"").body(Map.of("status", "quarantined")).post("/api/v1/assets/" + id
                + "/status").then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} deletes → {1}")
    @CsvSource({"viewer, 403", "operator, 403", "engineer, 204", "approver, 403", "analyst, 403", "admin, 204",
        "nobody, 403"})
    void delete(String user, int status) {
        String id = AssetApi.create(plc(uniqueTag("AUTH"))).jsonPath().getString("id");
        as(user).delete("/api/v1/assets/" + id).then().statusCode(status);
    }

    @Test
    void noTokenIs401ProblemWithChallenge() {
        given().get("/api/v1/assets").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        given().contentType(ContentType.JSON).body(plc(uniqueTag("AUTH"))).post("/api/v1/assets").then()
                .statusCode(401);
    }

    @Test
    void garbageOrTamperedTokenIs401() {
        given().header("Authorization", "Bearer not.a.token").get("/api/v1/assets").then().statusCode(401)
                .contentType("application/problem+json");
        String token = io.converge.testing.KeycloakTokens.user("admin");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().header("Authorization", "Bearer " + tampered).get("/api/v1/assets").then().statusCode(401);
    }

    @Test
    void serviceAccountsReadAndDeviceCannot() {
        given().header("Authorization", "Bearer " + io.converge.testing.KeycloakTokens.client("telemetry-service"))
                .contentType(ContentType.JSON).body(Map.of("tags", java.util.List.of("X")))
                .post("/api/v1/assets/resolve").then().statusCode(200);
        given().header("Authorization", "Bearer " + io.converge.testing.KeycloakTokens.client("converge-device"))
                .get("/api/v1/assets").then().statusCode(403);
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
