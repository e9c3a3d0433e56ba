package io.converge.simulator.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.Log;
import io.converge.simulator.firmware.Install;
import io.converge.simulator.net.Api;
import io.converge.simulator.net.MqttLink;
import io.converge.simulator.net.PointsJson;
import io.converge.simulator.plant.Metrics;
import io.converge.simulator.plant.Reading;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code --attack} scenario, one step per shipped security rule it should fire:
 * <ol>
 * <li>an unknown device sends telemetry over MQTT and HTTP → telemetry-service refuses it and reports an
 * {@code unknown-device} finding → rule 100140;</li>
 * <li>a firmware artifact altered after the vendor signed it is uploaded (with an engineer's credentials) → patch-service
 * refuses it (422) and reports a {@code firmware-integrity-failure} → rule 100143;</li>
 * <li>a remote logon to an OT asset of a site whose maintenance window is closed → rule 100110;</li>
 * <li>three badge denials for one person, then a logon of that person on an HMI → rules 100121 then 100122.</li>
 * </ol>
 * Each step logs what the platform answered; a step that fails is logged and the next one still runs.
 */
public final class AttackScenario {

    /** Where the attack goes. */
    public record Targets(String site, String remoteHost, String person, String hmi) {
    }

    private final Api device;
    private final Api engineer;
    private final String mqttUri;
    private final ObjectMapper json;
    private final Targets targets;

    public AttackScenario(Api device, Api engineer, String mqttUri, ObjectMapper json, Targets targets) {
        this.device = device;
        this.engineer = engineer;
        this.mqttUri = mqttUri;
        this.json = json;
        this.targets = targets;
    }

    public void run() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        step("unknown device sending telemetry (rule 100140)", () -> unknownDevice("ROGUE-" + suffix));
        step("tampered firmware upload (rule 100143)", () -> tamperedFirmware("rogue-vendor-" + suffix.toLowerCase(
                java.util.Locale.ROOT)));
        step("remote logon outside the maintenance window (rule 100110)", this::remoteLogon);
        step("badge denials then a logon by the same person (rules 100121 → 100122)", this::badgeThenLogon);
    }

    private interface Step {
        String run() throws Exception;
    }

    private static void step(String what, Step s) {
        try {
            Log.info("attack: %s: %s", what, s.run());
        } catch (Exception e) {
            Log.warn("attack: %s failed: %s", what, e.getMessage());
        }
    }

    String unknownDevice(String tag) throws Exception {
        Instant now = Instant.now();
        List<Reading> r = List.of(new Reading(tag, Metrics.STATE, now, "running"),
                new Reading(tag, Metrics.TEMPERATURE, now, 41.5));
        PointsJson points = new PointsJson(json);
        try (MqttLink link = new MqttLink(mqttUri, "converge-sim-" + tag, null, null, null, null)) {
            link.connect();
            link.publish(PointsJson.mqttTopic(targets.site(), tag), points.forMqtt(r));
        }
        Api.Answer a = device.postJson("/api/v1/telemetry/points", points.forHttp(r));
        return tag + " published over MQTT; HTTP answered " + a.status() + " " + a.text();
    }

    String tamperedFirmware(String vendor) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, Object> key = Map.of("vendor", vendor, "name", "stolen", "algorithm", "ed25519", "publicKey",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        Api.Answer k = engineer.postJson("/api/v1/firmware/vendor-keys", json.writeValueAsBytes(key));
        if (k.status() != 201) {
            throw new IOException("vendor key answered " + k.status() + ": " + k.text());
        }
        byte[] artifact = ("genuine image of " + vendor + " ").repeat(4000).getBytes(StandardCharsets.UTF_8);
        String signature = sign(keys, artifact);
        byte[] tampered = artifact.clone();
        tampered[1234] ^= 0x5a; // an implant patched in after signing
        Api.Answer up = engineer.send("POST", "/api/v1/firmware?vendor=" + vendor + "&version=6.6.6&model=S7-1516F"
                + "&sha256=" + Install.sha256(tampered) + "&signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8), "application/octet-stream", tampered, Map.of());
        return "upload of " + vendor + " 6.6.6 answered " + up.status() + (up.status() == 422 ? " (refused, as it must)"
                : " (expected 422!) " + up.text());
    }

    static String sign(KeyPair keys, byte[] artifact) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(digest);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    String remoteLogon() throws Exception {
        Map<String, Object> e = event("logon-success", Instant.now());
        e.put("user", "contractor.remote");
        e.put("srcIp", "203.0.113.45");
        e.put("host", targets.remoteHost());
        e.put("remote", true);
        e.put("protocol", "rdp");
        return post(List.of(e));
    }

    String badgeThenLogon() throws Exception {
        Instant t = Instant.now();
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> b = event("badge-denied", t.plusMillis(i * 200L));
            b.put("person", targets.person());
            b.put("badgeId", "B-CLONED");
            b.put("door", "P1-SERVER-ROOM");
            b.put("reader", "BADGE-P1-03");
            b.put("site", targets.site());
            events.add(b);
        }
        String denials = post(events);
        Thread.sleep(1000);
        Map<String, Object> logon = event("logon-success", Instant.now());
        logon.put("user", targets.person());
        logon.put("host", targets.hmi());
        logon.put("remote", false);
        logon.put("protocol", "console");
        return "denials: " + denials + "; logon: " + post(List.of(logon));
    }

    private static Map<String, Object> event(String kind, Instant time) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind);
        e.put("time", time.toString());
        return e;
    }

    private String post(List<Map<String, Object>> events) throws Exception {
        Api.Answer a = device.postJson("/api/v1/security/events", json.writeValueAsBytes(events));
        if (a.status() >= 300) {
            throw new IOException("security events answered " + a.status() + ": " + a.text());
        }
        JsonNode n = json.readTree(a.body());
        return a.status() + " " + (n.has("alerts") ? "alerts " + n.get("alerts") : n.toString());
    }
}
