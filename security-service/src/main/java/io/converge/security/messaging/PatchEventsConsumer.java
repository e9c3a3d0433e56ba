package io.converge.security.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CampaignEventData;
import io.converge.events.DeploymentEventData;
import io.converge.events.PatchEventTypes;
import io.converge.outbox.RecordBatches;
import io.converge.security.context.CampaignCoverage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * converge.patch.events: campaign states and device deployments, so that a firmware change can be told covered by
 * an approved, running campaign or not. Firmware catalog events are not needed and skipped; a record that is not a
 * patch event goes to the DLQ alone. Consumed in batches: the view is written in two statements per batch.
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

    /** A patch event read: a campaign's state or a deployment's. */
    record Read(CampaignEventData campaign, DeploymentEventData deployment) {
    }

    /** A batch in two statements (a fleet-wide campaign reports thousands of device states a second). */
    @Incoming("patch-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.consume(batch, this::read, this::apply);
    }

    Uni<Void> apply(List<Read> events) {
        List<CampaignEventData> campaigns = new ArrayList<>();
        List<DeploymentEventData> deployments = new ArrayList<>();
        for (Read r : events) {
            if (r.campaign() != null) {
                campaigns.add(r.campaign());
            } else {
                deployments.add(r.deployment());
            }
        }
        return coverage.apply(campaigns, deployments)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }

    /** The event a record carries; null for patch events this view does not keep (firmware catalog changes). */
    Read read(String record) {
        String type;
        JsonNode data;
        try {
            JsonNode node = json.readTree(record);
            type = node.path("type").asText("");
            data = node.get("data");
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable patch event: " + e.getMessage(), e);
        }
        if (data == null || !type.startsWith("io.converge.patch.")) {
            throw new IllegalArgumentException("not a patch event: " + type);
        }
        try {
            if (PatchEventTypes.CAMPAIGN_STATE_CHANGED.equals(type)) {
                CampaignEventData c = json.treeToValue(data, CampaignEventData.class);
                if (c.campaignId() == null || c.state() == null) {
                    throw new IllegalArgumentException("campaign event without id/state");
                }
                return new Read(c, null);
            }
            if (type.startsWith(DEPLOYMENT_PREFIX)) {
                return new Read(null, json.treeToValue(data, DeploymentEventData.class));
            }
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable patch event: " + e.getMessage(), e);
        }
    }
}
