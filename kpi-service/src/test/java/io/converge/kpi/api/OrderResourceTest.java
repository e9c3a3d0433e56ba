package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Production orders against real PostgreSQL and Keycloak tokens. */
@QuarkusTest
class OrderResourceTest {

    private static final String PATH = "/api/v1/kpis/orders";
    private static final String PROBLEM = "application/problem+json";

    private static String order(String number, UUID line, String start, String end, String cycle) {
        return "{\"orderNumber\":\"" + number + "\",\"lineId\":\"" + line + "\",\"product\":\"bracket-7\","
                + "\"plannedQuantity\":1200,\"idealCycleSeconds\":" + cycle + ",\"startsAt\":\"" + start
                + "\",\"endsAt\":\"" + end + "\"}";
    }

    private static ValidatableResponse post(String user, String body) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json").body(body)
                .post(PATH).then();
    }

    private static String number() {
        return "PO-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void recordsListsByLineAndWindowAndDeletes() {
        UUID line = UUID.randomUUID();
        String a = number();
        String b = number();
        String id = post("engineer", order(a, line, "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "2.5"))
                .statusCode(201).body("orderNumber", equalTo(a)).body("idealCycleSeconds", equalTo(2.5f))
                .body("createdBy", equalTo("engineer")).extract().path("id");
        post("engineer", order(b, line, "2026-11-02T14:00:00Z", "2026-11-02T22:00:00Z", "3")).statusCode(201);
        post("engineer", order(number(), UUID.randomUUID(), "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "1"))
                .statusCode(201);
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "?line=" + line + "&from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z").then()
                .statusCode(200).body("orderNumber", contains(a, b));
        // half-open windows: an order ending at 14:00 is not in [14:00, 15:00)
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "?line=" + line + "&from=2026-11-02T14:00:00Z&to=2026-11-02T15:00:00Z").then()
                .body("orderNumber", contains(b));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(200)
                .body("plannedQuantity", equalTo(1200));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + id).then()
                .statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(404)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void aRepeatedOrderNumberIs409() {
        String n = number();
        UUID line = UUID.randomUUID();
        post("engineer", order(n, line, "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "2")).statusCode(201);
        post("engineer", order(n, line, "2026-11-03T06:00:00Z", "2026-11-03T14:00:00Z", "2")).statusCode(409)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void badOrdersAre400AndWriteNothing() {
        UUID line = UUID.randomUUID();
        post("engineer", order(number(), line, "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "-1")).statusCode(400)
                .contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("idealCycleSeconds"));
        post("engineer", order(number(), line, "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "0")).statusCode(400);
        post("engineer", order(number(), line, "2026-11-02T14:00:00Z", "2026-11-02T06:00:00Z", "1")).statusCode(400)
                .body("detail", equalTo("endsAt must be after startsAt"));
        post("engineer", order(number(), line, "yesterday", "2026-11-02T06:00:00Z", "1")).statusCode(400);
        post("engineer", order(number(), line, "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "\"fast\""))
                .statusCode(400);
        post("engineer", "{\"orderNumber\":\"x\"}").statusCode(400).contentType(startsWith(PROBLEM));
        post("engineer", "[").statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?line=" + line).then()
                .statusCode(200).body("$", hasSize(0));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?line=nope").then()
                .statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(PATH + "?from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z").then().statusCode(400)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void onlyEngineersRecordOrders() {
        String body = order(number(), UUID.randomUUID(), "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z", "2");
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401);
        post("viewer", body).statusCode(403).contentType(startsWith(PROBLEM));
        post("operator", body).statusCode(403);
        post("analyst", body).statusCode(403);
    }
}
