package io.converge.patch.api;

import static io.converge.patch.api.DeviceFixtures.alwaysOpen;
import static io.converge.patch.api.DeviceFixtures.campaign;
import static io.converge.patch.api.DeviceFixtures.deviceBearer;
import static io.converge.patch.api.DeviceFixtures.running;
import static io.converge.patch.api.DeviceFixtures.wave;
import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.events.Topics;
import io.converge.patch.AssetRegistryStub;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gateway's batch poll and feedback: the single-device rules per report, one call, refusals per report. */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class GatewayProtocolTest {

    private static final Map<String, Object> OTHER = Map.of("site", AssetRegistryStub.OTHER_SITE.toString());

    @Inject
    Pool pool;

    @BeforeEach
    void windows() {
        alwaysOpen(pool, AssetRegistryStub.OTHER_SITE);
    }

    private static ValidatableResponse gateway(String path, String body) {
        return given().header("Authorization", deviceBearer()).contentType("application/json").body(body)
                .post("/api/v1/devices/" + path).then();
    }

    private static String report(String tag, String action, String status) {
        return "{\"tag\":\"" + tag + "\",\"actionId\":\"" + action + "\",\"status\":\"" + status + "\"}";
    }

    private String state(String campaign, String tag) {
        return pool.preparedQuery("SELECT deployment_state FROM campaign_target WHERE campaign_id = $1 AND tag = $2")
                .execute(Tuple.of(UUID.fromString(campaign), tag)).await().indefinitely().iterator().next()
                .getString(0);
    }

    @Test
    void aGatewayPollsAndReportsForItsDevicesInOneCallEach() {
        String firmware = CampaignFixtures.releasedFirmware();
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = running(pool, firmware, OTHER, RollbackTest.plan());
            List<String> canary = wave(id, 0);
            String later = wave(id, 1).get(0);
            JsonPath polled = gateway("poll", "{\"tags\":[\"" + canary.get(1) + "\",\"NOPE-1\",\"" + later + "\",\""
                    + canary.get(0) + "\",\"" + canary.get(1) + "\"]}").statusCode(200).extract().jsonPath();
            assertEquals(List.of(canary.get(1), canary.get(0)), polled.getList("actions.tag"), "asked order, once");
            assertEquals(List.of("offered", "offered"), polled.getList("actions.action.state"));
            assertEquals(List.of(id, id), polled.getList("actions.action.campaignId"));
            String a1 = polled.getString("actions[0].action.actionId");
            String a0 = polled.getString("actions[1].action.actionId");
            // answered again while not finished
            assertEquals(List.of(a0), gateway("poll", "{\"tags\":[\"" + canary.get(0) + "\"]}").statusCode(200)
                    .extract().jsonPath().getList("actions.action.actionId"));

            String body = "{\"reports\":[" + String.join(",",
                    "{\"tag\":\"" + canary.get(0) + "\",\"actionId\":\"" + a0
                            + "\",\"status\":\"downloading\",\"progress\":50}",
                    report(canary.get(0), a0, "success"),
                    report(canary.get(1), a1, "failure"),
                    report(canary.get(1), UUID.randomUUID().toString(), "downloading"),
                    report(later, a0, "success"),
                    report(canary.get(0), a0, "success"),
                    report(canary.get(0), a0, "failure")) + "]}";
            JsonPath r = gateway("feedback", body).statusCode(200).extract().jsonPath();
            assertEquals(List.of(200, 200, 200, 404, 403, 200, 409), r.getList("results.status"));
            assertEquals(List.of("downloading", "succeeded", "failed"), r.getList("results.action.state").subList(0, 3));
            assertEquals(100, r.getInt("results[1].action.progress"));
            assertTrue(r.getString("results[4].detail").contains("another device"), r.getString("results[4].detail"));
            assertEquals("succeeded", state(id, canary.get(0)));
            assertEquals("failed", state(id, canary.get(1)));

            // each state change is published, in order, even when one call takes an action through several
            String asset0 = AssetRegistryStub.id(canary.get(0)).toString();
            List<String> types = new ArrayList<>();
            for (String t : List.of("downloading", "succeeded")) {
                JsonNode e = events.await(rec -> asset0.equals(rec.key()) && rec.value().path("type").asText()
                        .equals("io.converge.patch.deployment-" + t), Duration.ofSeconds(20)).value();
                types.add(e.path("data").path("state").asText());
            }
            assertEquals(List.of("downloading", "succeeded"), types);
            // 1 of 2 failed reaches the 20 % error threshold: the wave decision ran after the call
            assertEquals("paused", campaign(id).getString("state"));
            String rb = pool.preparedQuery("SELECT rollback_state FROM campaign_target WHERE action_id = $1")
                    .execute(Tuple.of(UUID.fromString(a1))).await().indefinitely().iterator().next().getString(0);
            assertEquals("unavailable", rb, "the failed device's rollback was decided in the same call");
        }
    }

    @Test
    void aBadReportRefusesTheWholeCallAndChangesNothing() {
        String firmware = CampaignFixtures.releasedFirmware();
        String id = running(pool, firmware, OTHER, RollbackTest.plan());
        String tag = wave(id, 0).get(0);
        String action = gateway("poll", "{\"tags\":[\"" + tag + "\"]}").statusCode(200).extract()
                .path("actions[0].action.actionId");

        gateway("feedback", "{\"reports\":[" + report(tag, action, "success") + ",{\"tag\":\"" + tag
                + "\",\"actionId\":\"nope\",\"status\":\"installed\",\"progress\":101,\"extra\":1}]}")
                .statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors.field", equalTo(List.of("reports[1].actionId", "reports[1].extra",
                        "reports[1].status", "reports[1].progress")));
        assertEquals("offered", state(id, tag), "the good report before the bad one was not applied");
        gateway("feedback", "{not json").statusCode(400).contentType(startsWith(PROBLEM));
        gateway("feedback", "{\"reports\":[]}").statusCode(400).body("errors[0].field", equalTo("reports"));
        gateway("feedback", "[" + report(tag, action, "success") + "]").statusCode(400);
        gateway("feedback", "{\"reports\":[42]}").statusCode(400).body("errors[0].field", equalTo("reports[0]"));
        gateway("poll", "{\"tags\":[\"\", 7],\"site\":\"x\"}").statusCode(400)
                .body("errors.field", equalTo(List.of("site", "tags[0]", "tags[1]")));
        String many = IntStream.range(0, 1001).mapToObj(i -> "\"T-" + i + "\"").collect(Collectors.joining(","));
        gateway("poll", "{\"tags\":[" + many + "]}").statusCode(413).contentType(startsWith(PROBLEM));
        String reports = IntStream.range(0, 1001).mapToObj(i -> report(tag, action, "downloading"))
                .collect(Collectors.joining(","));
        gateway("feedback", "{\"reports\":[" + reports + "]}").statusCode(413);
        assertEquals("offered", state(id, tag));

        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{\"tags\":[\"" + tag + "\"]}").post("/api/v1/devices/poll").then().statusCode(403)
                .contentType(startsWith(PROBLEM));
        given().contentType("application/json").body("{\"tags\":[\"" + tag + "\"]}").post("/api/v1/devices/poll")
                .then().statusCode(401);
        // a device whose tag is a gateway path still has its own endpoint
        given().header("Authorization", deviceBearer()).get("/api/v1/devices/poll/deployment").then()
                .statusCode(204);
    }
}
