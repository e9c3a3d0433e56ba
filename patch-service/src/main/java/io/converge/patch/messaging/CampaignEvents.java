package io.converge.patch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CampaignEventData;
import io.converge.events.CloudEvent;
import io.converge.events.PatchEventTypes;
import io.converge.events.Topics;
import io.converge.outbox.OutboxStore;
import io.converge.patch.store.CampaignRepository.Campaign;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Outbox rows of campaign state changes on {@code converge.patch.events} (key and subject = campaign id). */
@ApplicationScoped
public class CampaignEvents {

    private final ObjectMapper json;

    public CampaignEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The campaign after {@code action}; {@code previousState} is null for a creation. */
    public OutboxStore.Pending changed(Campaign c, String previousState, String action, String actor,
            String detail) {
        CampaignEventData data = new CampaignEventData(c.id(), c.name(), c.firmwareId(), c.state(), previousState,
                action, actor, c.updatedAt(), c.targetCount(), detail);
        CloudEvent<CampaignEventData> ce = CloudEvent.of(PatchEventTypes.SOURCE,
                PatchEventTypes.CAMPAIGN_STATE_CHANGED, c.id().toString(), data);
        try {
            return new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.PATCH_EVENTS, c.id().toString(),
                    json.writeValueAsString(ce));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a campaign event", e);
        }
    }
}
