package io.converge.patch.api;

import static io.converge.patch.api.DeviceFixtures.alwaysOpen;
import static io.converge.patch.api.DeviceFixtures.audit;
import static io.converge.patch.api.DeviceFixtures.campaign;
import static io.converge.patch.api.DeviceFixtures.feedback;
import static io.converge.patch.api.DeviceFixtures.poll;
import static io.converge.patch.api.DeviceFixtures.running;
import static io.converge.patch.api.DeviceFixtures.wave;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.events.PatchEventTypes;
import io.converge.events.Topics;
import io.converge.patch.AssetRegistryStub;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollback: a failed device is offered its previous firmware (when the catalog has it) and reports on it like on an
 * update; a campaign rollback offers it to every device the campaign updated; refusals.
 */
@QuarkusTest
@QuarkusTestResource(AssetRegistryStub.class)
class RollbackTest {

    private static final Map<String, Object> OTHER = Map.of("site", AssetRegistryStub.OTHER_SITE.toString());

    @Inject
    Pool pool;

    @Inject
    DeviceTimeouts timeouts;

    @BeforeEach
    void windows() {
        alwaysOpen(pool, AssetRegistryStub.OTHER_SITE);
    }

    /** Canary of 2, then the last device; pause at 20 % failed. */
    static Map<String, Object> plan() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("canaryDevices", 2);
        p.put("wavePercents", List.of(100));
        p.put("maxLineShare", 1.0);
        p.put("successThreshold", 80);
        p.put("errorThreshold", 20);
        return p;
    }

    /** Puts the previous version 1.0.0 of {@code firmware}'s vendor into the catalog, released; its id. */
    private String previousInCatalog(String firmware) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO firmware (id, vendor, version, compatible_models, sha256, size, signature,"
                + " key_id, state, storage_path, created_by) SELECT $1, vendor, '1.0.0', compatible_models,"
                + " repeat('a', 64), size, signature, key_id, 'released', storage_path || '.previous', 'test'"
                + " FROM firmware WHERE id = $2").execute(Tuple.of(id, UUID.fromString(firmware)))
                .await().indefinitely();
        return id.toString();
    }

    private static ValidatableResponse rollback(String user, String campaign) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                .body("{\"reason\":\"line 3 unstable\"}")
                .post(CampaignFixtures.PATH + "/" + campaign + "/rollback").then();
    }

    private Row target(String campaign, String tag) {
        return pool.preparedQuery("SELECT * FROM campaign_target WHERE campaign_id = $1 AND tag = $2")
                .execute(Tuple.of(UUID.fromString(campaign), tag)).await().indefinitely().iterator().next();
    }

    @Test
    void aFailedDeviceIsOfferedItsPreviousFirmwareAndCompletesTheRollback() {
        String firmware = CampaignFixtures.releasedFirmware();
        String previous = previousInCatalog(firmware);
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = running(pool, firmware, OTHER, plan());
            String tag = wave(id, 0).get(0);
            String update = poll(tag).statusCode(200).body("rollback", equalTo(false)).extract().path("actionId");
            feedback(tag, update, "failure", null).statusCode(200).body("state", equalTo("failed"));

            JsonPath rb = poll(tag).statusCode(200).body("rollback", equalTo(true)).body("version", equalTo("1.0.0"))
                    .body("firmwareId", equalTo(previous)).body("campaignId", equalTo(id))
                    .body("downloadUrl", equalTo("/api/v1/firmware/" + previous + "/artifact"))
                    .body("sha256", equalTo("a".repeat(64))).body("state", equalTo("offered")).extract().jsonPath();
            String action = rb.getString("actionId");
            assertNotEquals(update, action);
            poll(tag).statusCode(200).body("actionId", equalTo(action));
            feedback(tag, action, "downloading", 50).statusCode(200).body("state", equalTo("downloading"))
                    .body("rollback", equalTo(true));
            feedback(tag, action, "success", null).statusCode(200).body("state", equalTo("succeeded"))
                    .body("progress", equalTo(100));
            feedback(tag, action, "failure", null).statusCode(409);
            // the update action stays failed (an error of its wave)
            feedback(tag, update, "success", null).statusCode(409);

            String asset = AssetRegistryStub.id(tag).toString();
            JsonNode ok = events.await(r -> asset.equals(r.key())
                    && PatchEventTypes.DEPLOYMENT_SUCCEEDED.equals(r.value().path("type").asText()),
                    Duration.ofSeconds(20)).value().path("data");
            assertTrue(ok.path("rollback").asBoolean());
            assertEquals("1.0.0", ok.path("toVersion").asText());
            assertEquals("2.0.0", ok.path("fromVersion").asText());
            assertEquals(previous, ok.path("firmwareId").asText());
            assertEquals(action, ok.path("actionId").asText());
            Row t = target(id, tag);
            assertEquals("failed", t.getString("deployment_state"));
            assertEquals("succeeded", t.getString("rollback_state"));
        }
    }

    @Test
    void aSilentRollbackTimesOutAndIsPublishedButDoesNotCountTowardsTheWave() {
        String firmware = CampaignFixtures.releasedFirmware();
        previousInCatalog(firmware);
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = running(pool, firmware, OTHER, plan());
            List<String> canary = wave(id, 0);
            String tag = canary.get(0);
            String update = poll(tag).statusCode(200).extract().path("actionId");
            feedback(tag, update, "failure", null).statusCode(200);
            String action = poll(tag).statusCode(200).body("rollback", equalTo(true)).extract().path("actionId");
            feedback(tag, action, "downloading", 10).statusCode(200);

            var quiet = timeouts.sweep(Instant.now()).await().indefinitely();
            assertTrue(quiet.stream().noneMatch(a -> a.actionId().toString().equals(action)), "not late yet");
            var late = timeouts.sweep(Instant.now().plus(Duration.ofHours(1))).await().indefinitely();
            var mine = late.stream().filter(a -> a.actionId().toString().equals(action)).toList();
            assertEquals(1, mine.size(), late.toString());
            assertTrue(mine.get(0).rollback());
            assertEquals("timed-out", mine.get(0).state());

            Row t = target(id, tag);
            assertEquals("timed-out", t.getString("rollback_state"));
            assertEquals("failed", t.getString("deployment_state"));
            assertTrue(t.getString("rollback_message").startsWith("no feedback since "), t.getString("rollback_message"));
            feedback(tag, action, "success", null).statusCode(409);
            poll(tag).statusCode(204);

            String asset = AssetRegistryStub.id(tag).toString();
            JsonNode ev = events.await(r -> asset.equals(r.key())
                    && "io.converge.patch.deployment-timed-out".equals(r.value().path("type").asText()),
                    Duration.ofSeconds(20)).value().path("data");
            assertTrue(ev.path("rollback").asBoolean());
            assertEquals(action, ev.path("actionId").asText());
            // the update's failure paused the canary; the rollback's timeout adds no wave decision of its own
            assertEquals("paused", campaign(id).getString("state"));
            assertEquals(1, audit(id).getList("action").stream().filter("pause"::equals).count());
        }
    }

    @Test
    void aCampaignRollbackOffersThePreviousFirmwareToEveryUpdatedDevice() {
        String firmware = CampaignFixtures.releasedFirmware();
        String previous = previousInCatalog(firmware);
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            String id = running(pool, firmware, OTHER, plan());
            for (int w = 0; w < 2; w++) {
                for (String tag : wave(id, w)) {
                    String action = poll(tag).statusCode(200).extract().path("actionId");
                    feedback(tag, action, "success", null).statusCode(200);
                }
            }
            assertEquals("completed", campaign(id).getString("state"));
            List<String> tags = List.of("OTHER-0", "OTHER-1", "OTHER-2");
            for (String tag : tags) {
                poll(tag).statusCode(204);
            }

            JsonPath r = rollback("engineer", id).statusCode(200).body("state", equalTo("completed")).extract()
                    .jsonPath();
            assertEquals(3, r.getList("offered").size());
            assertEquals(0, r.getList("skipped").size());
            JsonPath log = audit(id);
            assertEquals("rollback", log.getString("[-1].action"));
            assertEquals("engineer", log.getString("[-1].actor"));
            assertEquals("completed", log.getString("[-1].toState"));
            assertTrue(log.getString("[-1].detail").contains("line 3 unstable"), log.getString("[-1].detail"));
            assertEquals("completed", campaign(id).getString("state"));
            events.await(e -> id.equals(e.key()) && "rollback".equals(e.value().path("data").path("action").asText()),
                    Duration.ofSeconds(20));

            for (String tag : tags) {
                String action = poll(tag).statusCode(200).body("rollback", equalTo(true))
                        .body("version", equalTo("1.0.0")).body("firmwareId", equalTo(previous)).extract()
                        .path("actionId");
                feedback(tag, action, "success", null).statusCode(200).body("state", equalTo("succeeded"));
                poll(tag).statusCode(204);
            }
            // a second rollback finds nothing left to roll back
            JsonPath again = rollback("admin", id).statusCode(200).extract().jsonPath();
            assertEquals(0, again.getList("offered").size());
        }
    }

    @Test
    void aRollbackIsRefusedWhileTheCampaignRunsAndToOtherRoles() {
        String firmware = CampaignFixtures.releasedFirmware();
        String id = running(pool, firmware, OTHER, plan());
        rollback("engineer", id).statusCode(409);
        rollback("viewer", id).statusCode(403);
        rollback("approver", id).statusCode(403);
        rollback("engineer", UUID.randomUUID().toString()).statusCode(404);
        DeviceFixtures.act("engineer", id, "cancel");
        rollback("engineer", id).statusCode(409);
        assertEquals(List.of(), audit(id).getList("action").stream().filter("rollback"::equals).toList());
    }

    @Test
    void withoutThePreviousFirmwareInTheCatalogNothingIsOfferedAndTheReasonIsRecorded() {
        String firmware = CampaignFixtures.releasedFirmware();
        String id = running(pool, firmware, OTHER, plan());
        List<String> canary = wave(id, 0);
        String failing = canary.get(0);
        String ok = canary.get(1);
        String update = poll(failing).statusCode(200).extract().path("actionId");
        String action = poll(ok).statusCode(200).extract().path("actionId");
        feedback(failing, update, "failure", null).statusCode(200);
        assertEquals("paused", campaign(id).getString("state"));
        poll(failing).statusCode(204);
        Row t = target(id, failing);
        assertEquals("unavailable", t.getString("rollback_state"));
        assertEquals("the previous firmware 1.0.0 is not in the catalog (verified or released)",
                t.getString("rollback_reason"));
        JsonPath targets = given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get(CampaignFixtures.PATH + "/" + id + "/targets?wave=0").then().statusCode(200).extract().jsonPath();
        assertEquals("unavailable", targets.getString("items.find { it.tag == '" + failing + "' }.rollbackState"));
        assertEquals("the previous firmware 1.0.0 is not in the catalog (verified or released)",
                targets.getString("items.find { it.tag == '" + failing + "' }.rollbackReason"));

        feedback(ok, action, "success", null).statusCode(200);
        JsonPath r = rollback("engineer", id).statusCode(200).extract().jsonPath();
        assertEquals(0, r.getList("offered").size());
        assertEquals(List.of(ok), r.getList("skipped.tag"));
        assertEquals("the previous firmware 1.0.0 is not in the catalog (verified or released)",
                r.getString("skipped[0].reason"));
        poll(ok).statusCode(204);
        assertTrue(audit(id).getString("[-1].detail").startsWith("0 devices offered their previous firmware, 1 skipped"));
    }
}
