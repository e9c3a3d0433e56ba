package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Energy tariffs: overlap within a site is a 422 naming the slot, bad values are 400, nothing partly written. */
@QuarkusTest
class TariffResourceTest {

    private static final String PATH = "/api/v1/kpis/tariffs";
    private static final String PROBLEM = "application/problem+json";

    private static String tariff(UUID site, String price, String days, String start, String end, String from,
            String to) {
        return "{\"siteId\":\"" + site + "\",\"pricePerKwh\":" + price + ",\"currency\":\"EUR\",\"days\":[" + days
                + "],\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"effectiveFrom\":\"" + from + "\""
                + (to == null ? "" : ",\"effectiveTo\":\"" + to + "\"") + "}";
    }

    private static ValidatableResponse post(String user, String body) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json").body(body)
                .post(PATH).then();
    }

    private static ValidatableResponse list(UUID site) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?site=" + site).then();
    }

    @Test
    void peakAndOffPeakSlotsCoexistAndAnOverlapIs422() {
        UUID site = UUID.randomUUID();
        String weekdays = "\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"";
        String peak = post("engineer", tariff(site, "0.31", weekdays, "07:00", "22:00", "2026-01-01", null))
                .statusCode(201).body("currency", equalTo("EUR")).body("pricePerKwh", equalTo(0.31f))
                .extract().path("id");
        // off-peak crosses midnight: 22:00 to 07:00 the next morning
        post("engineer", tariff(site, "0.18", weekdays, "22:00", "07:00", "2026-01-01", null)).statusCode(201);
        // Friday's off-peak runs into Saturday 07:00, so a weekend "day" (end = start: 24 h) starts then; one
        // starting at Saturday 00:00 would overlap it
        post("engineer", tariff(site, "0.15", "\"SATURDAY\",\"SUNDAY\"", "00:00", "00:00", "2026-01-01", null))
                .statusCode(422).body("errors[0].message", containsString("SATURDAY 00:00-07:00"));
        post("engineer", tariff(site, "0.15", "\"SATURDAY\",\"SUNDAY\"", "07:00", "07:00", "2026-01-01", null))
                .statusCode(201);
        post("engineer", tariff(site, "0.40", "\"WEDNESDAY\"", "12:00", "14:00", "2026-06-01", "2026-06-30"))
                .statusCode(422).contentType(startsWith(PROBLEM))
                .body("errors[0].message", containsString("overlaps tariff " + peak))
                .body("errors[0].message", containsString("WEDNESDAY"));
        list(site).statusCode(200).body("$", hasSize(3));
        // another site may have its own prices at the same hours
        post("engineer", tariff(UUID.randomUUID(), "0.40", "\"WEDNESDAY\"", "12:00", "14:00", "2026-06-01", null))
                .statusCode(201);
        // once the peak tariff ends, a new one may follow it
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + peak).then()
                .statusCode(204);
        post("engineer", tariff(site, "0.40", "\"WEDNESDAY\"", "12:00", "14:00", "2026-06-01", "2026-06-30"))
                .statusCode(201);
        list(site).body("pricePerKwh", contains(0.15f, 0.18f, 0.40f));
    }

    @Test
    void badTariffsAre400AndWriteNothing() {
        UUID site = UUID.randomUUID();
        post("engineer", tariff(site, "-0.1", "\"MONDAY\"", "07:00", "22:00", "2026-01-01", null)).statusCode(400)
                .contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("pricePerKwh"));
        post("engineer", tariff(site, "0.1", "", "07:00", "22:00", "2026-01-01", null)).statusCode(400);
        post("engineer", tariff(site, "0.1", "\"FUNDAY\"", "07:00", "22:00", "2026-01-01", null)).statusCode(400);
        post("engineer", tariff(site, "0.1", "\"MONDAY\"", "25:00", "22:00", "2026-01-01", null)).statusCode(400);
        post("engineer", tariff(site, "0.1", "\"MONDAY\"", "07:00", "22:00", "2026-02-01", "2026-01-01"))
                .statusCode(400).body("detail", containsString("effectiveTo"));
        post("engineer", tariff(site, "0.1", "\"MONDAY\"", "07:00", "22:00", "2026-01-01", null)
                .replace("EUR", "euro")).statusCode(400);
        list(site).statusCode(200).body("$", hasSize(0));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?site=x").then()
                .statusCode(400).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void onlyEngineersWriteTariffs() {
        String body = tariff(UUID.randomUUID(), "0.2", "\"MONDAY\"", "07:00", "22:00", "2026-01-01", null);
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401);
        post("viewer", body).statusCode(403).contentType(startsWith(PROBLEM));
        post("operator", body).statusCode(403);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
    }
}
