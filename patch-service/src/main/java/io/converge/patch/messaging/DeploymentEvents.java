package io.converge.patch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.DeploymentEventData;
import io.converge.events.PatchEventTypes;
import io.converge.events.Topics;
import io.converge.outbox.OutboxStore;
import io.converge.patch.store.DeploymentRepository.Action;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Outbox rows of device deployment state changes on {@code converge.patch.events}: type
 * {@code io.converge.patch.deployment-<state>} ({@link PatchEventTypes#DEPLOYMENT_SUCCEEDED} on success), key and
 * subject = asset id so one device's events stay in order.
 */
@ApplicationScoped
public class DeploymentEvents {

    public static final String TYPE_PREFIX = "io.converge.patch.deployment-";

    private final ObjectMapper json;

    public DeploymentEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The action after its change to {@code a.state()}. */
    public OutboxStore.Pending changed(Action a) {
        String type = "succeeded".equals(a.state()) ? PatchEventTypes.DEPLOYMENT_SUCCEEDED : TYPE_PREFIX + a.state();
        DeploymentEventData data = new DeploymentEventData(a.campaignId(), a.actionId(), a.assetId(), a.tag(),
                a.firmwareId(), a.previousFirmware(), a.version(), a.state(), a.rollback(), a.message(), Instant.now());
        CloudEvent<DeploymentEventData> ce = CloudEvent.of(PatchEventTypes.SOURCE, type, a.assetId().toString(), data);
        try {
            return new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.PATCH_EVENTS, a.assetId().toString(),
                    json.writeValueAsString(ce));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a deployment event", e);
        }
    }
}
