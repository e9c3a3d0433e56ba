package io.converge.security.api;

import static io.converge.security.api.Api.as;
import static io.converge.security.api.Api.json;
import static io.converge.security.api.Api.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.events.Topics;
import io.converge.testing.KafkaTopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events → rule → alert: grouping, lifecycle, audit, export, publication on converge.security.alerts. */
@QuarkusTest
class AlertFlowTest {

    private static final String EVENTS = "/api/v1/security/events";
    private static final String ALERTS = "/api/v1/security/alerts";

    static String failures(String user, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(json("{'kind':'logon-failure','user':'" + user + "','srcIp':"
                    + "'10.9.9." + (i % 200 + 1) + "','dstIp':'10.50.0.1'}"));
        }
        return b.append(']').toString();
    }

    /** OCSF logon failures, the i-th by the i-th account, with fixed ids (so that a resend is a redelivery). */
    static String ocsfFailures(List<String> users, List<String> ids) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : ",").append(json("{'class_uid':3002,'activity_id':1,'status_id':2,"
                    + "'status':'Failure','actor':{'user':{'name':'" + users.get(i) + "'}},"
                    + "'metadata':{'uid':'" + ids.get(i) + "'}}"));
        }
        return b.append(']').toString();
    }

    @Test
    void oneBatchGroupsIntoSeveralAlertsAndARedeliveryCountsNothingTwice() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "a-" + run;
        String b = "b-" + run;
        String c = "c-" + run;
        // interleaved: a and b fail five times each (brute force, 100101 grouped by account), c twice
        List<String> users = List.of(a, b, c, a, b, a, b, c, a, b, a, b);
        List<String> ids = users.stream().map(u -> UUID.randomUUID().toString()).toList();
        String batch = ocsfFailures(users, ids);
        List<String> changed = post("analyst", EVENTS, batch).statusCode(200).body("stored", equalTo(12))
                .body("duplicates", equalTo(0)).extract().jsonPath().getList("alerts");
        java.util.Map<String, Long> expected = java.util.Map.of("100101 " + a, 5L, "100101 " + b, 5L);
        assertEquals(expected, bruteForceCounts(changed, users, ids));

        // the same batch again (a redelivery): nothing stored, no alert counts anything twice
        post("analyst", EVENTS, batch).statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(12))
                .body("alertsRaised", equalTo(0)).body("alertsUpdated", equalTo(0));
        assertEquals(expected, bruteForceCounts(changed, users, ids));
    }

    /** "100101 account" → count, for the brute-force alerts among these, told apart by their last event. */
    private static java.util.Map<String, Long> bruteForceCounts(List<String> alerts, List<String> users,
            List<String> ids) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (String id : alerts) {
            JsonPath x = as("analyst").get(ALERTS + "/" + id).then().statusCode(200).extract().jsonPath();
            if ("100101".equals(x.getString("ruleId"))) {
                out.put("100101 " + users.get(ids.indexOf(x.getString("lastEventId"))), x.getLong("count"));
            }
        }
        return out;
    }

    @Test
    void bruteForceRaisesOneGroupedAlertThatMovesThroughItsLifecycle() {
        String user = "u-" + UUID.randomUUID();
        JsonPath out;
        try (KafkaTopicReader published = new KafkaTopicReader(Topics.SECURITY_ALERTS)) {
            out = post("analyst", EVENTS, failures(user, 5)).statusCode(200)
                    .body("alertsRaised", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .extract().jsonPath();
            // 100100 (each failure) and 100101 (five within two minutes)
            List<String> ids = out.getList("alerts");
            String brute = ids.stream().filter(id -> as("analyst").get(ALERTS + "/" + id).then().extract()
                    .path("ruleId").equals("100101")).findFirst().orElseThrow();
            as("analyst").get(ALERTS + "/" + brute).then().statusCode(200).body("state", equalTo("new"))
                    .body("count", equalTo(5)).body("level", equalTo(10))
                    .body("techniques.id", hasItem("T0859")).body("techniques[0].name", equalTo("Valid Accounts"))
                    .body("suggestions.action", hasItem("disable-account"));
            KafkaTopicReader.Received r = published.await(x -> brute.equals(x.value().path("data").path("alertId")
                    .asText()), Duration.ofSeconds(30));
            assertEquals("io.converge.security.alert-raised", r.value().get("type").asText());
            assertEquals("100101", r.value().path("data").path("ruleId").asText());

            // five more: grouped into the same alert (rule + asset within the window)
            post("analyst", EVENTS, failures(user, 5)).statusCode(200).body("alertsRaised", equalTo(0));
            as("analyst").get(ALERTS + "/" + brute).then().body("count", equalTo(10));

            String etag = as("analyst").get(ALERTS + "/" + brute).then().extract().header("ETag");
            as("analyst").header("If-Match", etag).body(json("{'state':'acknowledged','note':'looking'}"))
                    .post(ALERTS + "/" + brute + "/transition").then().statusCode(200)
                    .body("state", equalTo("acknowledged"));
            as("analyst").header("If-Match", etag).body(json("{'state':'in-progress'}"))
                    .post(ALERTS + "/" + brute + "/transition").then().statusCode(412);
            as("analyst").body(json("{'assignee':'analyst'}")).put(ALERTS + "/" + brute + "/assignee").then()
                    .statusCode(200).body("assignee", equalTo("analyst"));
            as("analyst").body(json("{'state':'resolved'}")).post(ALERTS + "/" + brute + "/transition").then()
                    .statusCode(200).body("state", equalTo("resolved"));
            as("analyst").body(json("{'state':'acknowledged'}")).post(ALERTS + "/" + brute + "/transition").then()
                    .statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("final"));
            as("analyst").body(json("{'state':'closed'}")).post(ALERTS + "/" + brute + "/transition").then()
                    .statusCode(422);
            published.await(x -> brute.equals(x.value().path("data").path("alertId").asText())
                    && "resolved".equals(x.value().path("data").path("state").asText()), Duration.ofSeconds(30));

            as("analyst").get(ALERTS + "/" + brute + "/audit").then().statusCode(200)
                    .body("action", equalTo(List.of("state:acknowledged", "assign", "state:resolved")))
                    .body("actor", hasItem("analyst"));
            as("analyst").get(ALERTS + "/" + brute + "/notes").then().body("text", equalTo(List.of("looking")));

            // resolved: the next series raises a new alert
            post("analyst", EVENTS, failures(user, 5)).statusCode(200).body("alertsRaised", equalTo(1));

            as("analyst").get(ALERTS + "/" + brute + "/ocsf").then().statusCode(200)
                    .body("class_uid", equalTo(2004)).body("finding_info.analytic.uid", equalTo("100101"))
                    .body("finding_info.attacks[0].technique.uid", equalTo("T0859"))
                    .body("finding_info.attacks[0].tactics.name", hasItem("Lateral Movement"))
                    .body("status", equalTo("Resolved")).body("count", equalTo(10))
                    .body("finding_info.related_events.size()", equalTo(10));
        }
        as("analyst").get(ALERTS + "?ruleId=100101&technique=T0859&limit=200").then().statusCode(200)
                .body("items.ruleId", hasItem("100101"));
        as("analyst").get(ALERTS + "?state=opened").then().statusCode(422);
        as("viewer").get(ALERTS).then().statusCode(403);
        as("analyst").get(ALERTS + "/" + UUID.randomUUID()).then().statusCode(404);
    }
}
