package io.converge.patch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Site maintenance windows: create, open/next opening, replace with If-Match, delete; refusals as problem+json. */
@QuarkusTest
class SiteWindowResourceTest {

    static final String PATH = "/api/v1/campaigns/windows/";
    static final String PROBLEM = "application/problem+json";

    static ValidatableResponse put(String user, String site, String body, String ifMatch) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                .body(body);
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.put(PATH + site).then();
    }

    @Test
    void createQueryReplaceDelete() {
        String site = UUID.randomUUID().toString();
        // weekdays 22:00 Paris for 6 h: open on Tuesday 2026-11-24 at 23:00 Paris (22:00 UTC), closed at noon
        put("engineer", site, "{\"cron\":\"0 22 * * 1-5\",\"duration\":\"PT6H\",\"zone\":\"Europe/Paris\"}", null)
                .statusCode(201).header("ETag", "\"1\"").body("cron", equalTo("0 22 * * 1-5"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("at", "2026-11-24T22:00:00Z")
                .get(PATH + site).then().statusCode(200).body("open", equalTo(true))
                .body("closesAt", equalTo("2026-11-25T03:00:00Z"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("at", "2026-11-24T11:00:00Z")
                .get(PATH + site).then().statusCode(200).body("open", equalTo(false))
                .body("nextOpening", equalTo("2026-11-24T21:00:00Z"));
        put("engineer", site, "{\"cron\":\"0 2 * * 6\",\"duration\":\"PT4H\",\"zone\":\"UTC\"}", null)
                .statusCode(428).contentType(PROBLEM);
        put("engineer", site, "{\"cron\":\"0 2 * * 6\",\"duration\":\"PT4H\",\"zone\":\"UTC\"}", "\"1\"")
                .statusCode(200).header("ETag", "\"2\"").body("zone", equalTo("UTC"));
        put("engineer", site, "{\"cron\":\"0 3 * * 6\",\"duration\":\"PT4H\",\"zone\":\"UTC\"}", "\"1\"")
                .statusCode(412).contentType(PROBLEM);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + site).then().statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + site).then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void invalidWindowsAre422AndNothingIsWritten() {
        String site = UUID.randomUUID().toString();
        put("engineer", site, "{\"cron\":\"0 0 22 ? * MON-FRI\",\"duration\":\"PT6H\",\"zone\":\"UTC\"}", null)
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("cron"));
        put("engineer", site, "{\"cron\":\"61 22 * * *\",\"duration\":\"PT6H\",\"zone\":\"UTC\"}", null)
                .statusCode(422).body("errors[0].field", equalTo("cron"));
        put("engineer", site, "{\"cron\":\"0 22 * * *\",\"duration\":\"PT6H\",\"zone\":\"Mars/Olympus\"}", null)
                .statusCode(422).body("errors[0].field", equalTo("zone"));
        put("engineer", site, "{\"cron\":\"0 22 * * *\",\"duration\":\"-PT1H\",\"zone\":\"UTC\"}", null)
                .statusCode(422).body("errors[0].field", equalTo("duration"));
        put("engineer", site, "{\"cron\":\"0 22 * * *\",\"duration\":\"P30D\",\"zone\":\"UTC\"}", null)
                .statusCode(422).body("errors[0].field", equalTo("duration"));
        put("engineer", site, "{\"cron\":\"0 22 * * *\",\"duration\":\"soon\",\"zone\":\"UTC\"}", null)
                .statusCode(400).contentType(PROBLEM);
        put("engineer", site, "{\"cron\":\"0 22 * * *\",\"zone\":\"UTC\"}", null).statusCode(400)
                .contentType(PROBLEM);
        put("engineer", site, "{\"cron\":\"0 22 * * *\",\"duration\":\"PT1H\",\"zone\":\"UTC\",\"x\":1}", null)
                .statusCode(400).contentType(PROBLEM);
        put("engineer", "not-a-uuid", "{\"cron\":\"0 22 * * *\",\"duration\":\"PT1H\",\"zone\":\"UTC\"}", null)
                .statusCode(400).body("detail", containsString("site"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + site).then().statusCode(404);
    }

    @Test
    void roles() {
        String site = UUID.randomUUID().toString();
        String body = "{\"cron\":\"0 22 * * *\",\"duration\":\"PT1H\",\"zone\":\"UTC\"}";
        put("viewer", site, body, null).statusCode(403).contentType(PROBLEM);
        put("operator", site, body, null).statusCode(403);
        given().contentType("application/json").body(body).put(PATH + site).then().statusCode(401);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
    }
}
