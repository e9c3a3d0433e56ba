package io.converge.patch.api;

import static io.converge.patch.api.DeviceFixtures.alwaysOpen;
import static io.converge.patch.api.DeviceFixtures.audit;
import static io.converge.patch.api.DeviceFixtures.campaign;
import static io.converge.patch.api.DeviceFixtures.feedback;
import static io.converge.patch.api.DeviceFixtures.poll;
import static io.converge.patch.api.DeviceFixtures.running;
import static io.converge.patch.api.DeviceFixtures.wave;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.events.PatchEventTypes;
import io.converge.events.Topics;
import io.converge.patch.AssetRegistryStub;
import io.converge.testing.KafkaTopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Devices drive a running campaign through the protocol: polls inside the site window, progress and results, waves
 * advancing on the success threshold, the error-threshold pause, and the events on {@code converge.patch.events}.
 */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class DeviceProtocolTest {

    private static String firmware;

    @Inject
    Pool pool;

    @BeforeEach
    void firmware() {
        if (firmware == null) {
            firmware = CampaignFixtures.releasedFirmware();
        }
        alwaysOpen(pool, AssetRegistryStub.SITE);
    }

    /** Canary of 2, then 25 % and 75 %; advance at 80 % succeeded, pause at 20 % failed. */
    static Map<String, Object> plan() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("canaryDevices", 2);
        p.put("wavePercents", List.of(25, 75));
        p.put("maxLineShare", 0.5);
        p.put("successThreshold", 80);
        p.put("errorThreshold", 20);
        return p;
    }

    @Test
    void devicesUpdateWaveByWaveUntilTheErrorThresholdPausesTheCampaignAndAResumeCompletesIt() {
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = running(pool, firmware, CampaignFixtures.site(), plan());
            List<String> canary = wave(id, 0);
            List<String> wave1 = wave(id, 1);
            List<String> wave2 = wave(id, 2);
            assertEquals(2, canary.size());
            assertTrue(wave1.size() >= 6, "wave 1: " + wave1);

            // the canary is offered the update; later waves are not, yet
            Map<String, String> actions = new HashMap<>();
            for (String tag : canary) {
                JsonPath a = poll(tag).statusCode(200).body("version", equalTo("2.0.0"))
                        .body("firmwareId", equalTo(firmware)).body("campaignId", equalTo(id))
                        .body("downloadUrl", equalTo("/api/v1/firmware/" + firmware + "/artifact"))
                        .body("rollback", equalTo(false)).body("state", equalTo("offered")).extract().jsonPath();
                assertEquals(64, a.getString("sha256").length());
                assertFalse(a.getString("signature").isBlank());
                actions.put(tag, a.getString("actionId"));
                poll(tag).statusCode(200).body("actionId", equalTo(a.getString("actionId")));
            }
            poll(wave1.get(0)).statusCode(204);

            String first = canary.get(0);
            feedback(first, actions.get(first), "downloading", 40).statusCode(200)
                    .body("state", equalTo("downloading")).body("progress", equalTo(40));
            feedback(first, actions.get(first), "downloading", 20).statusCode(200).body("progress", equalTo(40));
            feedback(first, actions.get(first), "downloaded", null).statusCode(200).body("state", equalTo("downloaded"));
            feedback(first, actions.get(first), "installing", null).statusCode(200).body("state", equalTo("installing"));
            feedback(first, actions.get(first), "success", null).statusCode(200).body("state", equalTo("succeeded"))
                    .body("progress", equalTo(100));
            assertEquals(0, campaign(id).getInt("currentWave"));
            String second = canary.get(1);
            feedback(second, actions.get(second), "success", null).statusCode(200);
            JsonPath c = campaign(id);
            assertEquals(1, c.getInt("currentWave"));
            assertEquals("running", c.getString("state"));

            // asset-service learns the new firmware from deployment-succeeded
            String asset = AssetRegistryStub.id(first).toString();
            JsonNode ok = events.await(r -> asset.equals(r.key())
                    && PatchEventTypes.DEPLOYMENT_SUCCEEDED.equals(r.value().path("type").asText()),
                    Duration.ofSeconds(20)).value();
            assertEquals(asset, ok.path("subject").asText());
            assertEquals("2.0.0", ok.path("data").path("toVersion").asText());
            assertEquals("1.0.0", ok.path("data").path("fromVersion").asText());
            assertEquals(actions.get(first), ok.path("data").path("actionId").asText());
            assertEquals("succeeded", ok.path("data").path("state").asText());
            events.await(r -> asset.equals(r.key())
                    && "io.converge.patch.deployment-installing".equals(r.value().path("type").asText()),
                    Duration.ofSeconds(20));
            events.await(r -> id.equals(r.key()) && "advance-wave".equals(r.value().path("data").path("action")
                    .asText()), Duration.ofSeconds(20));

            // wave 1: one failure (below 20 %), the rest succeed until 80 % is reached
            int n1 = wave1.size();
            int needed = (int) Math.ceil(0.8 * n1);
            String failing = wave1.get(0);
            String failingAction = poll(failing).statusCode(200).extract().path("actionId");
            feedback(failing, failingAction, "failure", null).statusCode(200).body("state", equalTo("failed"));
            for (int i = 1; i <= needed; i++) {
                String tag = wave1.get(i);
                String action = poll(tag).statusCode(200).extract().path("actionId");
                feedback(tag, action, "success", null).statusCode(200);
                assertEquals(i < needed ? 1 : 2, campaign(id).getInt("currentWave"), "after " + i + " successes");
            }

            // wave 2: failures pause the campaign once 20 % of the wave failed
            int n2 = wave2.size();
            int pauseAt = (int) Math.ceil(0.2 * n2);
            for (int i = 0; i < pauseAt; i++) {
                String tag = wave2.get(i);
                String action = poll(tag).statusCode(200).extract().path("actionId");
                feedback(tag, action, "failure", null).statusCode(200);
                assertEquals(i < pauseAt - 1 ? "running" : "paused", campaign(id).getString("state"),
                        "after " + (i + 1) + " failures of " + n2);
            }
            poll(wave2.get(pauseAt)).statusCode(204);
            JsonPath log = audit(id);
            List<String> acts = log.getList("action");
            assertEquals(List.of("advance-wave", "advance-wave", "pause"), acts.subList(acts.size() - 3, acts.size()));
            assertEquals("patch-service", log.getString("[-1].actor"));
            assertTrue(log.getString("[-1].detail").contains("error threshold reached"), log.getString("[-1].detail"));
            JsonNode paused = events.await(r -> id.equals(r.key())
                    && "pause".equals(r.value().path("data").path("action").asText()), Duration.ofSeconds(20)).value();
            assertEquals("paused", paused.path("data").path("state").asText());
            assertTrue(paused.path("data").path("detail").asText().startsWith("wave 2: error threshold reached"));

            // resuming accepts those failures: the rest of the wave is judged on its own and advances
            DeviceFixtures.act("engineer", id, "resume");
            assertEquals("running", campaign(id).getString("state"));
            int rest = n2 - pauseAt;
            int toAdvance = (int) Math.ceil(0.8 * rest);
            for (int i = 1; i <= toAdvance; i++) {
                String tag = wave2.get(pauseAt + i - 1);
                String action = poll(tag).statusCode(200).extract().path("actionId");
                feedback(tag, action, "success", null).statusCode(200);
                assertEquals(i < toAdvance ? 2 : 3, campaign(id).getInt("currentWave"),
                        "after " + i + " successes of " + rest);
            }
            JsonPath after = audit(id);
            if (campaign(id).getInt("waveCount") > 3) {
                // the planner added a trailing wave (line share): wave 3 starts
                assertEquals("advance-wave", after.getString("[-1].action"));
                assertTrue(after.getString("[-1].detail").startsWith("wave 2: success threshold reached: "
                        + toAdvance + " of " + rest), after.getString("[-1].detail"));
                return;
            }
            // the last wave reached its threshold, but devices are still to be updated: the campaign runs on
            assertEquals("resume", after.getString("[-1].action"));
            assertEquals("running", campaign(id).getString("state"));
            List<String> stragglers = new java.util.ArrayList<>(wave1.subList(needed + 1, n1));
            stragglers.addAll(wave2.subList(pauseAt + toAdvance, n2));
            assertFalse(stragglers.isEmpty());
            for (int i = 0; i < stragglers.size(); i++) {
                String tag = stragglers.get(i);
                String action = poll(tag).statusCode(200).extract().path("actionId");
                feedback(tag, action, "success", null).statusCode(200);
                assertEquals(i < stragglers.size() - 1 ? "running" : "completed", campaign(id).getString("state"),
                        "after " + (i + 1) + " of " + stragglers.size() + " stragglers");
            }
            JsonPath done = audit(id);
            assertEquals("complete", done.getString("[-1].action"));
            assertTrue(done.getString("[-1].detail").startsWith("wave 2: success threshold reached: "),
                    done.getString("[-1].detail"));
            for (String tag : wave1) {
                poll(tag).statusCode(204);
            }
        }
    }

    @Test
    void theLastWaveSucceedingCompletesTheCampaign() {
        alwaysOpen(pool, AssetRegistryStub.OTHER_SITE);
        Map<String, Object> p = plan();
        p.put("wavePercents", List.of(100));
        String id = running(pool, firmware, Map.of("site", AssetRegistryStub.OTHER_SITE.toString()), p);
        assertEquals(2, campaign(id).getInt("waveCount"));
        for (int w = 0; w < 2; w++) {
            for (String tag : wave(id, w)) {
                String action = poll(tag).statusCode(200).extract().path("actionId");
                feedback(tag, action, "success", null).statusCode(200);
            }
        }
        JsonPath c = campaign(id);
        assertEquals("completed", c.getString("state"));
        JsonPath log = audit(id);
        assertEquals("complete", log.getString("[-1].action"));
        assertEquals("patch-service", log.getString("[-1].actor"));
        assertEquals(List.of("succeeded", "succeeded", "succeeded"), DeviceFixtures.states(id));
        for (String tag : List.of("OTHER-0", "OTHER-1", "OTHER-2")) {
            poll(tag).statusCode(204);
        }
    }
}
