package io.converge.patch.api;

import static io.converge.patch.api.CampaignFixtures.body;
import static io.converge.patch.api.CampaignFixtures.create;
import static io.restassured.RestAssured.given;

import io.converge.testing.KeycloakTokens;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Running campaigns, site windows and device calls (with the {@code converge-device} client's token). */
final class DeviceFixtures {

    static final String DEVICES = "/api/v1/devices/";

    private DeviceFixtures() {
    }

    static String deviceBearer() {
        return "Bearer " + KeycloakTokens.client("converge-device");
    }

    /**
     * Leaves the devices to one campaign: every other campaign still going is cancelled (the fixture's tags are
     * shared by every test's campaigns), then a new one over {@code target} is driven to running.
     */
    static String running(Pool pool, String firmware, Map<String, Object> target, Map<String, Object> plan) {
        pool.query("UPDATE campaign SET state = 'cancelled' WHERE state IN ('scheduled', 'running', 'paused')")
                .execute().await().indefinitely();
        String id = create("engineer", body(firmware, target, plan)).statusCode(201).extract().path("id");
        act("engineer", id, "submit");
        act("approver", id, "approve");
        act("engineer", id, "schedule");
        act("engineer", id, "start");
        return id;
    }

    static void act(String user, String id, String action) {
        given().header("Authorization", KeycloakTokens.bearer(user)).post(CampaignFixtures.PATH + "/" + id + "/"
                + action).then().statusCode(200);
    }

    /** Sets the site's window (replacing any). */
    static void window(Pool pool, UUID site, String cron, String duration, String zone) {
        pool.preparedQuery("INSERT INTO site_window (site_id, cron, duration_s, zone, updated_by)"
                + " VALUES ($1, $2, $3, $4, 'test') ON CONFLICT (site_id) DO UPDATE SET cron = $2, duration_s = $3,"
                + " zone = $4, version = site_window.version + 1")
                .execute(Tuple.of(site, cron, java.time.Duration.parse(duration).toSeconds(), zone))
                .await().indefinitely();
    }

    /** A window open at any time: opens every minute for two hours. */
    static void alwaysOpen(Pool pool, UUID site) {
        window(pool, site, "* * * * *", "PT2H", "UTC");
    }

    static void noWindow(Pool pool, UUID site) {
        pool.preparedQuery("DELETE FROM site_window WHERE site_id = $1").execute(Tuple.of(site)).await().indefinitely();
    }

    static ValidatableResponse poll(String tag) {
        return given().header("Authorization", deviceBearer()).get(DEVICES + tag + "/deployment").then();
    }

    static ValidatableResponse feedback(String tag, String action, String body) {
        return given().header("Authorization", deviceBearer()).contentType("application/json").body(body)
                .post(DEVICES + tag + "/deployment/" + action + "/feedback").then();
    }

    static ValidatableResponse feedback(String tag, String action, String status, Integer progress) {
        return feedback(tag, action, "{\"status\":\"" + status + "\""
                + (progress == null ? "" : ",\"progress\":" + progress) + ",\"message\":\"" + status + "\"}");
    }

    /** The tags of one wave, in plan order. */
    static List<String> wave(String campaign, int wave) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(CampaignFixtures.PATH + "/" + campaign + "/targets?limit=1000&wave=" + wave).then()
                .statusCode(200).extract().jsonPath().getList("items.tag");
    }

    static io.restassured.path.json.JsonPath campaign(String id) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).get(CampaignFixtures.PATH + "/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.path.json.JsonPath audit(String id) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(CampaignFixtures.PATH + "/" + id + "/audit").then().statusCode(200).extract().jsonPath();
    }

    /** The deployment states of a campaign's targets in plan order. */
    static List<String> states(String campaign) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(CampaignFixtures.PATH + "/" + campaign + "/targets?limit=1000").then().statusCode(200).extract()
                .jsonPath().getList("items.deploymentState");
    }
}
