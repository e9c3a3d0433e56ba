package io.converge.asset.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.asset.domain.Actor;
import io.converge.asset.domain.Asset;
import io.converge.outbox.OutboxStore;
import io.converge.events.AssetEventData;
import io.converge.events.AssetEventTypes;
import io.converge.events.CloudEvent;
import io.converge.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the CloudEvents an asset change publishes on converge.asset.events (keyed by asset id). The outbox row names
 * the topic the relay sends to, so it is the channel's configured one
 * ({@code mp.messaging.outgoing.asset-events.topic}, converge.asset.events unless changed), not a second copy.
 */
@ApplicationScoped
public class AssetEvents {

    private final ObjectMapper json;
    private final String topic;

    public AssetEvents(ObjectMapper json, @ConfigProperty(name = "mp.messaging.outgoing.asset-events.topic",
            defaultValue = Topics.ASSET_EVENTS) String topic) {
        this.json = json;
        this.topic = topic;
    }

    public OutboxStore.Pending created(Asset a, Actor actor) {
        return event(AssetEventTypes.CREATED, a, actor, null, null);
    }

    public OutboxStore.Pending deleted(Asset a, Actor actor) {
        return event(AssetEventTypes.DELETED, a, actor, null, null);
    }

    /** The events of a change from {@code before} to {@code after}: updated, plus status and firmware changes. */
    public List<OutboxStore.Pending> changed(Asset before, Asset after, Actor actor) {
        List<OutboxStore.Pending> out = new ArrayList<>(3);
        out.add(event(AssetEventTypes.UPDATED, after, actor, before.status().toString(), before.firmwareVersion()));
        if (before.status() != after.status()) {
            out.add(event(after.status() == io.converge.asset.domain.AssetStatus.QUARANTINED
                    ? AssetEventTypes.QUARANTINED : AssetEventTypes.STATUS_CHANGED, after, actor,
                    before.status().toString(), null));
        }
        if (!Objects.equals(before.firmwareVersion(), after.firmwareVersion())) {
            out.add(event(AssetEventTypes.FIRMWARE_CHANGED, after, actor, null, before.firmwareVersion()));
        }
        return out;
    }

    private OutboxStore.Pending event(String type, Asset a, Actor actor, String previousStatus,
            String previousFirmware) {
        AssetEventData data = new AssetEventData(a.id(), a.tag(), a.name(), a.domain().name(), a.type().toString(),
                a.vendor(), a.model(), a.ipAddress(), a.nodeId(), a.siteId(), a.lineId(), a.zoneId(),
                a.criticality().toString(), a.firmwareVersion(), a.status().toString(), a.labels(), a.version(),
                a.updatedAt(), actor.name(), previousStatus, previousFirmware);
        CloudEvent<AssetEventData> ce = CloudEvent.of(AssetEventTypes.SOURCE, type, a.id().toString(), data);
        try {
            return new OutboxStore.Pending(UUID.fromString(ce.id()), topic, a.id().toString(),
                    json.writeValueAsString(ce));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
