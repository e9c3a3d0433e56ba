package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A firmware campaign end to end through the gateway: the engineer creates it over the test's own line, the
 * approver (a second person) approves it — the creator may not (403) — and it runs across the canary and two waves
 * inside the site's maintenance window, with device agents polling, downloading (SHA-256 checked) and reporting over
 * the device protocol. Wave 1 finishes before wave 2 is offered anything, the campaign completes, and asset-service
 * records the new firmware of every device (from patch-service's deployment events).
 */
class FirmwareCampaignTest {

    private static final String CAMPAIGNS = "/api/v1/campaigns/";

    @Test
    void anApprovedCampaignRunsWaveByWaveInsideTheWindowAndUpdatesTheRegistry() throws Exception {
        // the plant: five PLCs of a model of this run's own on one line
        Plant plant = new Plant("FW");
        String model = "E2E-PLC-" + plant.run;
        List<String> tags = new ArrayList<>();
        String[] criticality = {"low", "low", "medium", "medium", "high"};
        for (int i = 0; i < 5; i++) {
            String tag = "E2E-FW-" + plant.run + "-PLC-" + i;
            plant.asset(tag, "plc", model, "1.0.0", criticality[i], plant.lineId);
            tags.add(tag);
        }
        String firmwareId = releasedFirmware("e2e-vendor-" + plant.run.toLowerCase(), "2.0.0", model);

        // the site's maintenance window is closed now: it opens at noon + the current hour
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        Gateway.Answer closed = Gateway.call("engineer", "PUT", CAMPAIGNS + "windows/" + plant.siteId,
                Map.of("cron", "0 " + (hour + 12) % 24 + " * * *", "duration", "PT1H", "zone", "UTC"));
        assertEquals(201, closed.status(), closed.body());
        assertFalse(window(plant.siteId).path("open").asBoolean(), window(plant.siteId).toString());

        // created by the engineer: canary of 1, then two waves of half the rest each
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("canaryDevices", 1);
        plan.put("wavePercents", List.of(50, 50));
        plan.put("maxLineShare", 1.0);
        plan.put("successThreshold", 100);
        plan.put("errorThreshold", 10);
        Gateway.Answer created = Gateway.call("engineer", "POST", "/api/v1/campaigns", Map.of(
                "name", "E2E " + plant.run + " PLC firmware 2.0.0", "firmwareId", firmwareId,
                "target", Map.of("line", plant.lineId), "plan", plan));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        assertEquals(5, created.json().path("targetCount").asInt(), created.body());
        assertEquals(List.of(1, 2, 2), sizes(created.json().path("waves")), created.body());
        List<DeviceAgent> canary = wave(id, 0);
        List<DeviceAgent> wave1 = wave(id, 1);
        List<DeviceAgent> wave2 = wave(id, 2);

        // four eyes: the creator may not approve; the approver does
        act("engineer", id, "submit", 200);
        Gateway.Answer self = Gateway.call("engineer", "POST", CAMPAIGNS + id + "/approve", null);
        assertEquals(403, self.status(), self.body());
        assertTrue(self.contentType().startsWith("application/problem+json"), self.contentType());
        assertEquals("pending-approval", campaign(id).path("state").asText());
        act("approver", id, "approve", 200);
        JsonNode approved = campaign(id);
        assertEquals("approver", approved.path("approvedBy").asText(), approved.toString());
        act("engineer", id, "schedule", 200);
        act("engineer", id, "start", 200);
        assertEquals("running", campaign(id).path("state").asText());

        // running, but outside the window: nothing is offered
        assertTrue(canary.get(0).poll().isEmpty(), "no offer outside the maintenance window");

        // the window is moved to open at the start of this hour for two hours: open now
        Gateway.Answer current = Gateway.get("viewer", CAMPAIGNS + "windows/" + plant.siteId);
        Gateway.Answer open = Gateway.call("engineer", "PUT", CAMPAIGNS + "windows/" + plant.siteId,
                Map.of("cron", "0 " + hour + " * * *", "duration", "PT2H", "zone", "UTC"), "If-Match",
                current.headerEtag());
        assertEquals(200, open.status(), open.body());
        assertTrue(window(plant.siteId).path("open").asBoolean(), window(plant.siteId).toString());

        // canary: wave 1 waits until it succeeded
        DeviceAgent.Offer first = canary.get(0).offered();
        assertEquals("2.0.0", first.version());
        assertEquals(id, first.campaignId());
        assertTrue(wave1.get(0).poll().isEmpty(), "wave 1 waits for the canary");
        canary.get(0).install(first);
        assertEquals(1, campaign(id).path("currentWave").asInt());

        // wave 1: its devices are offered the update, wave 2's are not until wave 1 completed
        List<DeviceAgent.Offer> offers1 = new ArrayList<>();
        for (DeviceAgent d : wave1) {
            offers1.add(d.offered());
        }
        for (DeviceAgent d : wave2) {
            assertTrue(d.poll().isEmpty(), d.tag() + " (wave 2) waits for wave 1");
        }
        wave1.get(0).install(offers1.get(0));
        assertEquals(1, campaign(id).path("currentWave").asInt(), "wave 1 is not done with one of two devices");
        assertTrue(wave2.get(0).poll().isEmpty(), "wave 2 still waits");
        wave1.get(1).install(offers1.get(1));
        assertEquals(List.of("succeeded", "succeeded"), states(id, 1));
        assertEquals(List.of("pending", "pending"), states(id, 2));
        JsonNode afterWave1 = campaign(id);
        assertEquals(2, afterWave1.path("currentWave").asInt(), afterWave1.toString());
        assertEquals("running", afterWave1.path("state").asText());

        // wave 2, and the campaign completes
        for (DeviceAgent d : wave2) {
            d.install(d.offered());
        }
        assertEquals(List.of("succeeded", "succeeded"), states(id, 2));
        assertEquals("completed", campaign(id).path("state").asText());
        for (DeviceAgent d : canary) {
            assertTrue(d.poll().isEmpty(), d.tag() + ": nothing more to do");
        }
        Gateway.Answer audit = Gateway.get("viewer", CAMPAIGNS + id + "/audit");
        List<String> actions = audit.json().findValuesAsText("action");
        assertEquals(List.of("create", "submit", "approve", "schedule", "start", "advance-wave", "advance-wave",
                "complete"), actions, audit.body());

        // asset-service recorded 2.0.0 on every device, from the deployment-succeeded events
        Map<String, String> fw = Poll.until("asset-service records firmware 2.0.0 on the 5 PLCs",
                Duration.ofSeconds(30), () -> firmware(plant.lineId),
                m -> m.values().stream().allMatch("2.0.0"::equals));
        assertEquals(tags, new ArrayList<>(fw.keySet()));
    }

    /** A vendor key, an artifact signed with it (Ed25519 over its SHA-256), uploaded and released; the firmware id. */
    private static String releasedFirmware(String vendor, String version, String model) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Gateway.Answer key = Gateway.call("engineer", "POST", "/api/v1/firmware/vendor-keys", Map.of("vendor", vendor,
                "name", "e2e", "algorithm", "ed25519",
                "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        assertEquals(201, key.status(), key.body());
        byte[] artifact = ("firmware " + version + " of " + vendor + " ").repeat(3000)
                .getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(digest);
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        Gateway.Answer uploaded = Gateway.send("engineer", "POST", "/api/v1/firmware?vendor=" + vendor + "&version="
                + version + "&model=" + model + "&sha256=" + HexFormat.of().formatHex(digest) + "&signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8), "application/octet-stream", artifact);
        assertEquals(201, uploaded.status(), uploaded.body());
        String id = uploaded.json().path("id").asText();
        Gateway.Answer released = Gateway.call("engineer", "POST", "/api/v1/firmware/" + id + "/release", null);
        assertEquals(200, released.status(), released.body());
        assertEquals("released", released.json().path("state").asText());
        return id;
    }

    private static void act(String user, String id, String action, int status) {
        Gateway.Answer a = Gateway.call(user, "POST", CAMPAIGNS + id + "/" + action, null);
        assertEquals(status, a.status(), user + " " + action + ": " + a.body());
    }

    private static JsonNode campaign(String id) {
        Gateway.Answer a = Gateway.get("viewer", CAMPAIGNS + id);
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    private static JsonNode window(String site) {
        return Gateway.get("viewer", CAMPAIGNS + "windows/" + site).json();
    }

    private static List<Integer> sizes(JsonNode waves) {
        List<Integer> out = new ArrayList<>();
        waves.forEach(w -> out.add(w.path("size").asInt()));
        return out;
    }

    private static JsonNode targets(String id, int wave) {
        Gateway.Answer a = Gateway.get("viewer", CAMPAIGNS + id + "/targets?limit=100&wave=" + wave);
        assertEquals(200, a.status(), a.body());
        return a.json().path("items");
    }

    private static List<DeviceAgent> wave(String id, int wave) {
        List<DeviceAgent> out = new ArrayList<>();
        targets(id, wave).forEach(t -> out.add(new DeviceAgent(t.path("tag").asText())));
        return out;
    }

    private static List<String> states(String id, int wave) {
        return targets(id, wave).findValuesAsText("deploymentState");
    }

    /** Tag → firmware version of the line's assets in asset-service, by tag. */
    private static Map<String, String> firmware(String line) {
        Gateway.Answer a = Gateway.get("viewer", "/api/v1/assets?line=" + line + "&sort=tag&limit=100");
        assertEquals(200, a.status(), a.body());
        Map<String, String> out = new LinkedHashMap<>();
        a.json().path("items").forEach(i -> out.put(i.path("tag").asText(), i.path("firmwareVersion").asText()));
        return out;
    }
}
