package io.converge.security.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CampaignEventData;
import io.converge.events.DeploymentEventData;
import io.converge.events.PatchEventTypes;
import io.converge.security.context.CampaignCoverage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * converge.patch.events: campaign states and device deployments, so that a firmware change can be told covered by
 * an approved, running campaign or not. Firmware catalog events are not needed and skipped; a record that is not a
 * patch event goes to the DLQ.
 */
@ApplicationScoped
public class PatchEventsConsumer {

    private static final String DEPLOYMENT_PREFIX = "io.converge.patch.deployment-";
    private final CampaignCoverage coverage;
    private final ObjectMapper json;

    public PatchEventsConsumer(CampaignCoverage coverage, ObjectMapper json) {
        this.coverage = coverage;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("patch-events")
    public Uni<Void> onEvent(String record) {
        try {
            JsonNode node = json.readTree(record);
            String type = node.path("type").asText("");
            JsonNode data = node.get("data");
            if (data == null || !type.startsWith("io.converge.patch.")) {
                return Uni.createFrom().failure(new IllegalArgumentException("not a patch event: " + type));
            }
            if (PatchEventTypes.CAMPAIGN_STATE_CHANGED.equals(type)) {
                CampaignEventData c = json.treeToValue(data, CampaignEventData.class);
                if (c.campaignId() == null || c.state() == null) {
                    return Uni.createFrom().failure(new IllegalArgumentException("campaign event without id/state"));
                }
                return coverage.campaign(c);
            }
            if (type.startsWith(DEPLOYMENT_PREFIX)) {
                return coverage.deployment(json.treeToValue(data, DeploymentEventData.class));
            }
            return Uni.createFrom().voidItem();
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable patch event: " + e.getMessage()));
        }
    }
}
