package io.converge.patch.api;

import static io.converge.patch.api.CampaignFixtures.PATH;
import static io.converge.patch.api.CampaignFixtures.body;
import static io.converge.patch.api.CampaignFixtures.create;
import static io.converge.patch.api.CampaignFixtures.plan;
import static io.converge.patch.api.CampaignFixtures.site;
import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.events.Topics;
import io.converge.patch.AssetRegistryStub;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign lifecycle over the API: four eyes, illegal transitions, If-Match, audit rows and Kafka events. */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class CampaignLifecycleApiTest {

    private static String firmware;

    @BeforeEach
    void firmware() {
        if (firmware == null) {
            firmware = CampaignFixtures.releasedFirmware();
        }
    }

    private static String draft(String user) {
        return create(user, body(firmware, site(), plan())).statusCode(201).extract().path("id");
    }

    private static ValidatableResponse act(String user, String id, String action, String ifMatch, String body) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user));
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        if (body != null) {
            req = req.contentType("application/json").body(body);
        }
        return req.post(PATH + "/" + id + "/" + action).then();
    }

    @Test
    void happyPathFromDraftToRunningPausedAndRunningAgainIsAuditedAndPublished() {
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = draft("engineer");
            act("engineer", id, "submit", "\"1\"", null).statusCode(200).header("ETag", "\"2\"")
                    .body("state", equalTo("pending-approval"));
            act("approver", id, "approve", null, "{\"reason\":\"CVE fix, reviewed\"}").statusCode(200)
                    .body("state", equalTo("approved")).body("approvedBy", equalTo("approver"))
                    .body("approvedAt", notNullValue());
            act("engineer", id, "schedule", null, null).statusCode(200).body("state", equalTo("scheduled"));
            act("engineer", id, "start", null, null).statusCode(200).body("state", equalTo("running"));
            // a security analyst may pause (a response action of security-service)
            act("analyst", id, "pause", null, "{\"reason\":\"line 2 changeover\"}").statusCode(200)
                    .body("state", equalTo("paused"));
            act("admin", id, "resume", "\"6\"", null).statusCode(200).body("state", equalTo("running"))
                    .header("ETag", "\"7\"").body("waves[0].size", equalTo(2));

            JsonPath audit = given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .get(PATH + "/" + id + "/audit").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("create", "submit", "approve", "schedule", "start", "pause", "resume"),
                    audit.getList("action"));
            assertEquals(List.of("engineer", "engineer", "approver", "engineer", "engineer", "analyst", "admin"),
                    audit.getList("actor"));
            assertEquals("CVE fix, reviewed", audit.getString("[2].detail"));
            assertEquals("pending-approval", audit.getString("[2].fromState"));
            assertEquals("approved", audit.getString("[2].toState"));

            String[][] expected = {{"create", null, "draft"}, {"submit", "draft", "pending-approval"},
                {"approve", "pending-approval", "approved"}, {"schedule", "approved", "scheduled"},
                {"start", "scheduled", "running"}, {"pause", "running", "paused"}, {"resume", "paused", "running"}};
            for (String[] e : expected) {
                JsonNode ce = events.await(r -> id.equals(r.key())
                        && r.value().path("data").path("action").asText().equals(e[0]), Duration.ofSeconds(20))
                        .value();
                assertEquals("io.converge.patch.campaign-state-changed", ce.path("type").asText());
                assertEquals(id, ce.path("subject").asText());
                assertEquals(e[2], ce.path("data").path("state").asText());
                assertEquals(e[1] == null, ce.path("data").path("previousState").isMissingNode(), e[0]);
                assertEquals(44, ce.path("data").path("targetCount").asInt());
            }
        }
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "?state=running&limit=1000")
                .then().statusCode(200).body("items.state", org.hamcrest.Matchers.everyItem(equalTo("running")));
    }

    @Test
    void fourEyesTheCreatorCannotApproveOrReject() {
        String id = draft("admin");
        act("admin", id, "submit", null, null).statusCode(200);
        act("admin", id, "approve", null, null).statusCode(403).contentType(startsWith(PROBLEM))
                .body("detail", containsString("four eyes"));
        act("admin", id, "reject", null, null).statusCode(403).body("detail", containsString("four eyes"));
        // an engineer is no approver: a role refusal, whoever created it
        act("engineer", id, "approve", null, null).statusCode(403);
        act("approver", id, "reject", null, "{\"reason\":\"too wide\"}").statusCode(200)
                .body("state", equalTo("draft"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id + "/audit").then()
                .body("action", equalTo(List.of("create", "submit", "reject")))
                .body("[2].actor", equalTo("approver")).body("[2].detail", equalTo("too wide"));
    }

    @Test
    void illegalTransitionsAre409AndStaleIfMatchIs412() {
        String id = draft("engineer");
        act("engineer", id, "start", null, null).statusCode(409).contentType(startsWith(PROBLEM))
                .body("detail", containsString("cannot start a campaign that is draft"));
        act("approver", id, "approve", null, null).statusCode(409);
        act("engineer", id, "resume", null, null).statusCode(409);
        act("engineer", id, "submit", "\"9\"", null).statusCode(412).contentType(startsWith(PROBLEM));
        act("engineer", id, "submit", "W/\"1\"", null).statusCode(400);
        act("engineer", id, "submit", null, "{\"why\":1}").statusCode(400).contentType(startsWith(PROBLEM));
        act("engineer", id, "cancel", "\"1\"", null).statusCode(200).body("state", equalTo("cancelled"));
        act("engineer", id, "submit", null, null).statusCode(409).body("detail", containsString("terminal"));
        act("approver", id, "cancel", null, null).statusCode(409);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id + "/audit").then()
                .body("action", equalTo(List.of("create", "cancel")));
    }

    @Test
    void lifecycleRolesAndUnknownCampaigns() {
        String id = draft("engineer");
        act("viewer", id, "submit", null, null).statusCode(403).contentType(startsWith(PROBLEM));
        act("approver", id, "submit", null, null).statusCode(403);
        given().post(PATH + "/" + id + "/submit").then().statusCode(401);
        act("engineer", "00000000-0000-0000-0000-00000000dead", "submit", null, null).statusCode(404)
                .contentType(startsWith(PROBLEM));
        act("engineer", "nope", "submit", null, null).statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id + "/audit").then()
                .body("action", equalTo(List.of("create")));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then()
                .statusCode(200).body("state", equalTo("draft")).body("target", equalTo(Map.of("site",
                        AssetRegistryStub.SITE.toString())));
    }

    @Test
    void revokingTheFirmwareStopsItsCampaigns() throws InterruptedException {
        String fw = CampaignFixtures.releasedFirmware();
        String draft = create("engineer", body(fw, site(), plan())).statusCode(201).extract().path("id");
        String running = create("engineer", body(fw, site(), plan())).statusCode(201).extract().path("id");
        act("engineer", running, "submit", null, null).statusCode(200);
        act("approver", running, "approve", null, null).statusCode(200);
        act("engineer", running, "schedule", null, null).statusCode(200);
        act("engineer", running, "start", null, null).statusCode(200);
        String other = draft("engineer");
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{\"reason\":\"bricks X1\"}").post("/api/v1/firmware/" + fw + "/revoke").then().statusCode(200);
        assertEquals("failed", awaitState(running, "failed"));
        assertEquals("cancelled", awaitState(draft, "cancelled"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + running + "/audit").then()
                .body("[-1].action", equalTo("fail")).body("[-1].actor", equalTo("patch-service"))
                .body("[-1].detail", containsString("bricks X1"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + other).then()
                .body("state", equalTo("draft"));
        // and no new campaign on it
        create("engineer", body(fw, site(), plan())).statusCode(422);
    }

    private static String awaitState(String id, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        String now = null;
        while (System.currentTimeMillis() < deadline) {
            now = given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then()
                    .statusCode(200).extract().path("state");
            if (state.equals(now)) {
                break;
            }
            Thread.sleep(100);
        }
        return now;
    }
}
