package io.converge.patch.api;

import static io.converge.patch.api.DeviceFixtures.DEVICES;
import static io.converge.patch.api.DeviceFixtures.alwaysOpen;
import static io.converge.patch.api.DeviceFixtures.audit;
import static io.converge.patch.api.DeviceFixtures.campaign;
import static io.converge.patch.api.DeviceFixtures.deviceBearer;
import static io.converge.patch.api.DeviceFixtures.feedback;
import static io.converge.patch.api.DeviceFixtures.noWindow;
import static io.converge.patch.api.DeviceFixtures.poll;
import static io.converge.patch.api.DeviceFixtures.running;
import static io.converge.patch.api.DeviceFixtures.wave;
import static io.converge.patch.api.DeviceFixtures.window;
import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device protocol's refusals, closed maintenance windows and the timeout sweep. */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class DeviceProtocolRefusalsTest {

    private static String firmware;

    @Inject
    Pool pool;

    @Inject
    DeviceTimeouts timeouts;

    @BeforeEach
    void firmware() {
        if (firmware == null) {
            firmware = CampaignFixtures.releasedFirmware();
        }
        alwaysOpen(pool, AssetRegistryStub.SITE);
    }

    @Test
    void badFeedbackIsRefusedWithProblemJson() {
        String id = running(pool, firmware, CampaignFixtures.site(), CampaignFixtures.plan());
        List<String> canary = wave(id, 0);
        String a = canary.get(0);
        String b = canary.get(1);
        String action = poll(a).statusCode(200).extract().path("actionId");

        feedback(a, UUID.randomUUID().toString(), "downloading", 10).statusCode(404)
                .contentType(startsWith(PROBLEM));
        feedback(a, "not-a-uuid", "downloading", 10).statusCode(400).contentType(startsWith(PROBLEM));
        feedback(b, action, "downloading", 10).statusCode(403).contentType(startsWith(PROBLEM))
                .body("detail", containsString("another device"));
        feedback(a, action, "{\"status\":\"exploded\"}").statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("status"));
        feedback(a, action, "{\"status\":\"downloading\",\"progress\":101}").statusCode(400)
                .body("errors[0].field", equalTo("progress"));
        feedback(a, action, "{\"status\":\"downloading\",\"progress\":\"half\"}").statusCode(400);
        feedback(a, action, "{\"status\":\"success\",\"colour\":\"green\"}").statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        feedback(a, action, "{\"progress\":10}").statusCode(400);
        feedback(a, action, "{not json").statusCode(400).contentType(startsWith(PROBLEM));
        feedback(a, action, "[]").statusCode(400);
        feedback(a, action, "{\"status\":\"success\",\"message\":\"" + "x".repeat(2001) + "\"}").statusCode(400);

        feedback(a, action, "success", null).statusCode(200).body("state", equalTo("succeeded"));
        feedback(a, action, "success", null).statusCode(200).body("state", equalTo("succeeded"));
        feedback(a, action, "failure", null).statusCode(409).contentType(startsWith(PROBLEM))
                .body("detail", containsString("succeeded"));
        feedback(a, action, "downloading", 50).statusCode(409);

        // a pending action (never offered) takes no feedback
        String pendingAction = pool.preparedQuery("SELECT action_id::text FROM campaign_target WHERE campaign_id = $1"
                + " AND tag = $2").execute(Tuple.of(UUID.fromString(id), b)).await().indefinitely().iterator().next()
                .getString(0);
        feedback(b, pendingAction, "success", null).statusCode(409).body("detail", containsString("pending"));

        // an unknown tag looks like a device with nothing to do
        poll("NO-SUCH-TAG").statusCode(204);
    }

    @Test
    void onlyDevicesUseTheProtocol() {
        String path = DEVICES + "PC-00/deployment";
        given().get(path).then().statusCode(401);
        given().contentType("application/json").body("{\"status\":\"success\"}")
                .post(path + "/" + UUID.randomUUID() + "/feedback").then().statusCode(401);
        for (String user : List.of("viewer", "engineer")) {
            given().header("Authorization", KeycloakTokens.bearer(user)).get(path).then().statusCode(403)
                    .contentType(startsWith(PROBLEM));
            given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                    .body("{\"status\":\"success\"}").post(path + "/" + UUID.randomUUID() + "/feedback").then()
                    .statusCode(403);
        }
        // the device client may download the artifact it is told to
        given().header("Authorization", deviceBearer()).get("/api/v1/firmware/" + firmware + "/artifact").then()
                .statusCode(200);
    }

    @Test
    void updatesAreOfferedOnlyInsideTheSiteAndCampaignWindows() {
        UUID site = AssetRegistryStub.OTHER_SITE;
        noWindow(pool, site);
        String id = running(pool, firmware, Map.of("site", site.toString()), CampaignFixtures.plan());
        List<String> canary = wave(id, 0);
        String tag = canary.get(0);
        poll(tag).statusCode(204); // a site without a window is never offered an update
        window(pool, site, "0 3 1 1 *", "PT1M", "UTC"); // one minute a year
        poll(tag).statusCode(204);
        alwaysOpen(pool, site);
        String action = poll(tag).statusCode(200).extract().path("actionId");

        // the campaign's own window narrows the site's
        pool.preparedQuery("UPDATE campaign SET plan_spec = jsonb_set(plan_spec, '{window}',"
                + " '{\"cron\":\"0 3 1 1 *\",\"duration\":\"PT1M\",\"zone\":\"UTC\"}') WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
        poll(canary.get(1)).statusCode(204);
        // an action already offered is answered again whatever the windows: the device has it
        poll(tag).statusCode(200).body("actionId", equalTo(action));

        // a paused campaign offers nothing new
        DeviceFixtures.act("engineer", id, "pause");
        poll(tag).statusCode(204);
    }

    @Test
    void silentDevicesTimeOutAndCountAsErrorsOfTheirWave() {
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = running(pool, firmware, CampaignFixtures.site(), CampaignFixtures.plan());
            List<String> canary = wave(id, 0);
            String quiet = canary.get(0);
            String action = poll(quiet).statusCode(200).extract().path("actionId");
            feedback(quiet, action, "downloading", 10).statusCode(200);

            assertTrue(timeouts.sweep(Instant.now()).await().indefinitely().isEmpty(), "nothing is late yet");
            var late = timeouts.sweep(Instant.now().plus(Duration.ofHours(1))).await().indefinitely();
            assertEquals(List.of(action), late.stream().map(a -> a.actionId().toString()).toList());

            feedback(quiet, action, "success", null).statusCode(409).body("detail", containsString("timed-out"));
            String asset = AssetRegistryStub.id(quiet).toString();
            JsonNode ce = events.await(r -> asset.equals(r.key())
                    && "io.converge.patch.deployment-timed-out".equals(r.value().path("type").asText()),
                    Duration.ofSeconds(20)).value();
            assertEquals(action, ce.path("data").path("actionId").asText());
            // 1 of 2 canary devices is 50 %: beyond the 10 % error threshold
            assertEquals("paused", campaign(id).getString("state"));
            assertTrue(audit(id).getString("[-1].detail").contains("timed out"), audit(id).getString("[-1].detail"));
        }
    }
}
