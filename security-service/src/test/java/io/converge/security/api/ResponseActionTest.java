package io.converge.security.api;

import static io.converge.security.api.Api.as;
import static io.converge.security.api.Api.json;
import static io.converge.security.api.Api.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.security.DownstreamStub;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quarantine an asset and pause a campaign from an alert: the call made, its outcome recorded and audited. */
@QuarkusTest
class ResponseActionTest {

    @AfterEach
    void up() {
        DownstreamStub.DOWN = false;
    }

    private static String alertOn(UUID asset) {
        // a finding names the asset by id: the alert concerns it even when the registry view does not know it
        return post("analyst", "/api/v1/security/events", json("[{'class_uid':2004,'severity_id':4,"
                + "'finding_info':{'title':'t','types':['firmware-integrity-failure']},'device':{'uid':'" + asset
                + "','name':'PLC-X'}}]")).statusCode(200).extract().jsonPath().getString("alerts[0]");
    }

    @Test
    void quarantineGoesToAssetServiceWithItsETagAndIsRecordedOnTheAlert() {
        UUID asset = UUID.randomUUID();
        String alert = alertOn(asset);
        as("analyst").body(json("{'reason':'tampered firmware'}"))
                .post("/api/v1/security/alerts/" + alert + "/actions/quarantine-asset").then().statusCode(200)
                .body("responses[0].action", equalTo("quarantine-asset"))
                .body("responses[0].outcome", equalTo("succeeded")).body("responses[0].actor", equalTo("analyst"));
        assertTrue(DownstreamStub.WRITES.stream().anyMatch(w -> w.startsWith("POST /api/v1/assets/" + asset
                + "/status \"4\"") && w.contains("quarantined") && w.contains("tampered firmware")),
                DownstreamStub.WRITES.toString());
        as("analyst").get("/api/v1/security/alerts/" + alert + "/audit").then()
                .body("action[0]", equalTo("quarantine-asset"));
    }

    @Test
    void aFailedActionIs502AndItsFailureIsRecorded() {
        String alert = alertOn(UUID.randomUUID());
        DownstreamStub.DOWN = true;
        as("analyst").body("{}").post("/api/v1/security/alerts/" + alert + "/actions/quarantine-asset").then()
                .statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("quarantine-asset failed"));
        as("analyst").get("/api/v1/security/alerts/" + alert).then()
                .body("responses[0].outcome", equalTo("failed"));
    }

    @Test
    void pauseACampaign() {
        String alert = alertOn(UUID.randomUUID());
        UUID campaign = UUID.randomUUID();
        as("analyst").body(json("{'campaignId':'" + campaign + "'}"))
                .post("/api/v1/security/alerts/" + alert + "/actions/pause-campaign").then().statusCode(200)
                .body("responses[0].action", equalTo("pause-campaign"))
                .body("responses[0].target", equalTo(campaign.toString()));
        assertTrue(DownstreamStub.WRITES.stream().anyMatch(w -> w.startsWith("POST /api/v1/campaigns/" + campaign
                + "/pause")));
        as("analyst").body("{}").post("/api/v1/security/alerts/" + alert + "/actions/pause-campaign").then()
                .statusCode(400);
        as("viewer").body("{}").post("/api/v1/security/alerts/" + alert + "/actions/quarantine-asset").then()
                .statusCode(403);
    }

    @Test
    void anAlertWithoutAnAssetCannotQuarantine() {
        String alert = post("analyst", "/api/v1/security/events", json("[{'kind':'door-forced','door':'D-"
                + UUID.randomUUID() + "'}]")).statusCode(200).extract().jsonPath().getString("alerts[0]");
        as("analyst").body("{}").post("/api/v1/security/alerts/" + alert + "/actions/quarantine-asset").then()
                .statusCode(422);
    }
}
