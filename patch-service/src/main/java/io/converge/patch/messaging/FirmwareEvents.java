package io.converge.patch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.FirmwareEventData;
import io.converge.events.PatchEventTypes;
import io.converge.events.SecurityEventTypes;
import io.converge.events.SecurityFindingData;
import io.converge.events.Topics;
import io.converge.outbox.OutboxStore;
import io.converge.patch.store.FirmwareRepository.Firmware;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the outbox rows of the firmware catalog: state changes on {@code converge.patch.events} (key and subject =
 * firmware id) and integrity failures as security findings on {@code converge.security.events}.
 */
@ApplicationScoped
public class FirmwareEvents {

    private final ObjectMapper json;

    public FirmwareEvents(ObjectMapper json) {
        this.json = json;
    }

    /** A state change; {@code type} is one of the firmware types of {@link PatchEventTypes}. */
    public OutboxStore.Pending changed(String type, Firmware f, String previousState, String actor) {
        Instant at = switch (f.state()) {
            case "released" -> f.releasedAt();
            case "revoked" -> f.revokedAt();
            default -> f.createdAt();
        };
        FirmwareEventData data = new FirmwareEventData(f.id(), f.vendor(), f.version(), f.compatibleModels(),
                f.sha256(), f.size(), f.keyId(), f.state(), previousState, actor, at, f.revokeReason());
        CloudEvent<FirmwareEventData> ce = CloudEvent.of(PatchEventTypes.SOURCE, type, f.id().toString(), data);
        return new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.PATCH_EVENTS, f.id().toString(), write(ce));
    }

    /**
     * An upload whose artifact did not match its declared SHA-256 or signature: severity high, no asset; keyed by
     * vendor so one vendor's reports stay in order.
     *
     * @param attributes vendor, version, reason, declared and computed digests, key, actor…
     */
    public OutboxStore.Pending integrityFailure(String vendor, String message, String source,
            Map<String, String> attributes) {
        Instant now = Instant.now();
        SecurityFindingData finding = new SecurityFindingData(SecurityEventTypes.FIRMWARE_INTEGRITY_FAILURE, "high",
                "patch-service", now, now, 1, null, null, "http", source, message, attributes);
        CloudEvent<SecurityFindingData> ce = CloudEvent.of(PatchEventTypes.SOURCE, SecurityEventTypes.FINDING, null,
                finding);
        return new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.SECURITY_EVENTS, "firmware:" + vendor,
                write(ce));
    }

    private String write(Object ce) {
        try {
            return json.writeValueAsString(ce);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an event", e);
        }
    }
}
