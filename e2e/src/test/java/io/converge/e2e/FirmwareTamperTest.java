package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Across four services: a firmware change no campaign covers (asset-service) raises an alert tagged ATT&CK for ICS
 * T0839 (security-service); the analyst quarantines the asset from the alert; from then on the asset's telemetry is
 * refused (telemetry-service) — everything through the gateway with the demo users' tokens.
 */
class FirmwareTamperTest {

    @Test
    void anUnauthorizedFirmwareChangeEndsWithTheAssetQuarantinedAndItsTelemetryRefused() {
        String tag = "E2E-FW-" + UUID.randomUUID().toString().substring(0, 8);
        Gateway.Answer created = Gateway.call("engineer", "POST", "/api/v1/assets", Gateway.plc(tag));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();

        // telemetry-service learns the asset from converge.asset.events: its points are accepted
        Await.until("a point of the new asset accepted", Duration.ofSeconds(60),
                () -> ingest(tag).path("accepted").asInt() == 1);

        // firmware changed by hand, no campaign: asset-service publishes the change
        Gateway.Answer current = Gateway.get("engineer", "/api/v1/assets/" + id);
        Gateway.Answer replaced = Gateway.call("engineer", "PUT", "/api/v1/assets/" + id,
                Gateway.plc(tag, "V9.9.9-unsigned"), "If-Match", current.headerEtag());
        assertEquals(200, replaced.status(), replaced.body());

        AtomicReference<JsonNode> alert = new AtomicReference<>();
        Await.until("alert 100130 on the asset", Duration.ofSeconds(60), () -> {
            JsonNode items = Gateway.get("analyst", "/api/v1/security/alerts?ruleId=100130&assetId=" + id).json()
                    .path("items");
            if (items.size() == 0) {
                return false;
            }
            alert.set(items.get(0));
            return true;
        });
        List<String> techniques = alert.get().path("techniques").findValuesAsText("id");
        assertTrue(techniques.contains("T0839"), alert.get().toString());

        // the analyst's response action, carried out by asset-service
        String alertId = alert.get().path("id").asText();
        Gateway.Answer action = Gateway.call("analyst", "POST",
                "/api/v1/security/alerts/" + alertId + "/actions/quarantine-asset", Map.of("reason", "e2e: T0839"));
        assertEquals(200, action.status(), action.body());
        assertEquals("quarantined", Gateway.get("viewer", "/api/v1/assets/" + id).json().path("status").asText());

        // and telemetry-service, told by converge.asset.events, refuses the asset's points
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Await.until("the quarantined asset's point refused", Duration.ofSeconds(60), () -> {
            last.set(ingest(tag));
            return last.get().path("rejected").asInt() == 1;
        });
        assertEquals("quarantined-asset", last.get().path("errors").get(0).path("reason").asText(),
                last.get().toString());
    }

    private static JsonNode ingest(String tag) {
        Gateway.Answer a = Gateway.call("engineer", "POST", "/api/v1/telemetry/points", List.of(Map.of("asset", tag,
                "metric", "e2e.temperature", "ts", Instant.now().toString(), "value", 42.5)));
        assertEquals(200, a.status(), a.body());
        return a.json();
    }
}
