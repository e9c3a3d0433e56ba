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
import static org.hamcrest.Matchers.nullValue;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scheduling a campaign to start at a time: the starter starts it then (as patch-service); refusals. */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class CampaignScheduleTest {

    private static String firmware;

    @Inject
    CampaignStarter starter;

    @BeforeEach
    void firmware() {
        if (firmware == null) {
            firmware = CampaignFixtures.releasedFirmware();
        }
    }

    private static String approved() {
        String id = create("engineer", body(firmware, site(), plan())).statusCode(201).extract().path("id");
        DeviceFixtures.act("engineer", id, "submit");
        DeviceFixtures.act("approver", id, "approve");
        return id;
    }

    private static ValidatableResponse schedule(String id, String body) {
        var req = given().header("Authorization", KeycloakTokens.bearer("engineer"));
        if (body != null) {
            req = req.contentType("application/json").body(body);
        }
        return req.post(PATH + "/" + id + "/schedule").then();
    }

    private static String state(String id) {
        return DeviceFixtures.campaign(id).getString("state");
    }

    @Test
    void aCampaignScheduledForLaterStartsByItselfThenAuditedAsPatchService() {
        Instant at = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = approved();
            schedule(id, "{\"startAt\":\"" + at + "\",\"reason\":\"night shift\"}").statusCode(200)
                    .body("state", equalTo("scheduled")).body("startAt", equalTo(at.toString()));

            List<String> early = starter.startDue(Instant.now()).await().indefinitely().stream()
                    .map(c -> c.id().toString()).toList();
            assertTrue(!early.contains(id), "not due yet");
            assertEquals("scheduled", state(id));

            List<String> started = starter.startDue(at.plusSeconds(1)).await().indefinitely().stream()
                    .map(c -> c.id().toString()).toList();
            assertTrue(started.contains(id), started.toString());
            assertEquals("running", state(id));
            // the next run finds nothing left to start
            assertTrue(!starter.startDue(at.plusSeconds(2)).await().indefinitely().stream()
                    .anyMatch(c -> c.id().toString().equals(id)));

            JsonPath audit = DeviceFixtures.audit(id);
            assertEquals(List.of("create", "submit", "approve", "schedule", "start"), audit.getList("action"));
            assertEquals("starts at " + at + ": night shift", audit.getString("[3].detail"));
            assertEquals("patch-service", audit.getString("[4].actor"));
            assertEquals("scheduled start at " + at, audit.getString("[4].detail"));
            JsonNode ev = events.await(r -> id.equals(r.key())
                    && "start".equals(r.value().path("data").path("action").asText()), Duration.ofSeconds(20))
                    .value().path("data");
            assertEquals("running", ev.path("state").asText());
            assertEquals("patch-service", ev.path("actor").asText());
        }
    }

    @Test
    void withoutAStartTimeItWaitsForAnExplicitStartAndAStartByHandWins() {
        String id = approved();
        schedule(id, null).statusCode(200).body("state", equalTo("scheduled")).body("startAt", nullValue());
        Instant later = Instant.now().plus(Duration.ofDays(400));
        assertTrue(starter.startDue(later).await().indefinitely().stream().noneMatch(c -> c.id().toString()
                .equals(id)));
        assertEquals("scheduled", state(id));

        String other = approved();
        Instant at = Instant.now().plus(Duration.ofMinutes(5));
        schedule(other, "{\"startAt\":\"" + at + "\"}").statusCode(200);
        DeviceFixtures.act("engineer", other, "start");
        DeviceFixtures.act("engineer", other, "pause");
        assertTrue(starter.startDue(at.plusSeconds(1)).await().indefinitely().stream().noneMatch(c -> c.id()
                .toString().equals(other)));
        assertEquals("paused", state(other));
        assertEquals(1, DeviceFixtures.audit(other).getList("action").stream().filter("start"::equals).count());
    }

    @Test
    void badStartTimesAreRefusedAndLeaveTheCampaignApproved() {
        String id = approved();
        schedule(id, "{\"startAt\":\"tomorrow night\"}").statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("startAt"));
        schedule(id, "{\"startAt\":\"2026-13-01T00:00:00Z\"}").statusCode(400);
        schedule(id, "{\"startAt\":42,\"extra\":true}").statusCode(400).contentType(startsWith(PROBLEM));
        schedule(id, "{\"startAt\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\"}").statusCode(422)
                .contentType(startsWith(PROBLEM)).body("detail", containsString("in the past"))
                .body("errors[0].field", equalTo("startAt"));
        schedule(id, "{\"startAt\":\"" + Instant.now().plus(Duration.ofDays(400)) + "\"}").statusCode(422)
                .body("detail", containsString("days ahead"));
        schedule(id, "{\"reason\":\"" + "x".repeat(2001) + "\"}").statusCode(400);
        assertEquals("approved", state(id));
        assertEquals(List.of("create", "submit", "approve"), DeviceFixtures.audit(id).getList("action"));
        // a draft cannot be scheduled, with or without a time
        String draft = create("engineer", body(firmware, site(), plan())).statusCode(201).extract().path("id");
        schedule(draft, "{\"startAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}").statusCode(409);
        given().header("Authorization", KeycloakTokens.bearer("approver")).contentType("application/json")
                .body("{}").post(PATH + "/" + id + "/schedule").then().statusCode(403);
    }
}
