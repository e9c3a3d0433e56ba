package io.converge.simulator.firmware;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An action patch-service offers a device (GET /api/v1/devices/{tag}/deployment): what to download and its SHA-256.
 */
public record Offer(String actionId, String campaignId, String version, String downloadUrl, String sha256,
        boolean rollback, String state) {

    public static Offer of(JsonNode n) {
        String actionId = n.path("actionId").asText(null);
        String url = n.path("downloadUrl").asText(null);
        String sha = n.path("sha256").asText(null);
        if (actionId == null || url == null || sha == null) {
            throw new IllegalArgumentException("an action needs actionId, downloadUrl and sha256: " + n);
        }
        return new Offer(actionId, n.path("campaignId").asText(null), n.path("version").asText(null), url, sha,
                n.path("rollback").asBoolean(false), n.path("state").asText(null));
    }
}
