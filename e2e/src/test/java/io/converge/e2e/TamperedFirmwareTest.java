package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.testing.Await;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A firmware artifact altered after the vendor signed it is refused by patch-service (422, nothing in the catalog)
 * and the integrity failure becomes a security alert (rule 100143, T0839) in security-service — through the gateway.
 */
class TamperedFirmwareTest {

    @Test
    void aTamperedArtifactIsRefusedAndRaisesAnAlert() throws Exception {
        String vendor = "e2e-vendor-" + UUID.randomUUID().toString().substring(0, 8);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Gateway.Answer key = Gateway.call("engineer", "POST", "/api/v1/firmware/vendor-keys", Map.of("vendor", vendor,
                "name", "e2e", "algorithm", "ed25519",
                "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        assertEquals(201, key.status(), key.body());

        byte[] artifact = ("firmware image of " + vendor + " ").repeat(2000).getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(digest);
        String signature = Base64.getEncoder().encodeToString(signer.sign());

        // one byte changed after signing; the uploader declares the altered file's own SHA-256
        byte[] tampered = artifact.clone();
        tampered[100] ^= 0x01;
        String tamperedSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tampered));
        Instant before = Instant.now();
        Gateway.Answer refused = Gateway.send("engineer", "POST", "/api/v1/firmware?vendor=" + vendor
                + "&version=1.0.0&model=E2E-100&sha256=" + tamperedSha + "&signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8), "application/octet-stream",
                tampered);
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(0, Gateway.get("viewer", "/api/v1/firmware?vendor=" + vendor).json().path("items").size());

        // the finding went out through patch-service's outbox and came in as an OCSF detection finding
        Await.until("the integrity failure stored as a security event", Duration.ofSeconds(60), () -> {
            JsonNode items = Gateway.get("analyst", "/api/v1/security/events?classUid=2004&intake=kafka&limit=200")
                    .json().path("items");
            for (JsonNode e : items) {
                if (e.path("raw").asText().contains(vendor)) {
                    return true;
                }
            }
            return false;
        });
        JsonNode alert = Gateway.get("analyst", "/api/v1/security/alerts?ruleId=100143&limit=1").json().path("items")
                .get(0);
        assertTrue(Instant.parse(alert.path("lastSeen").asText()).isAfter(before.minusSeconds(5)), alert.toString());
        assertTrue(alert.path("techniques").findValuesAsText("id").contains("T0839"), alert.toString());
    }
}
