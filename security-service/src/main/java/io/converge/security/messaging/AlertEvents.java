package io.converge.security.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.SecurityAlertData;
import io.converge.events.SecurityAlertTypes;
import io.converge.events.Topics;
import io.converge.outbox.OutboxStore;
import io.converge.security.store.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Builds the outbox rows of alert events (CloudEvents on converge.security.alerts, keyed by asset). */
@ApplicationScoped
public class AlertEvents {

    private final ObjectMapper json;

    public AlertEvents(ObjectMapper json) {
        this.json = json;
    }

    public OutboxStore.Pending of(String type, AlertView a, String actor) {
        String subject = a.assetId() != null ? a.assetId().toString() : a.id().toString();
        SecurityAlertData data = new SecurityAlertData(a.id(), a.ruleId(), a.ruleVersion(), a.title(), a.level(),
                a.score(), a.severity(), a.state(), a.assetId(), a.assetTag(), a.count(), a.firstSeen(), a.lastSeen(),
                a.techniques().stream().map(AlertView.Technique::id).toList(), a.assignee(), actor, Instant.now());
        CloudEvent<SecurityAlertData> e = CloudEvent.of(SecurityAlertTypes.SOURCE, type, subject, data);
        try {
            return new OutboxStore.Pending(UUID.fromString(e.id()), Topics.SECURITY_ALERTS, subject,
                    json.writeValueAsString(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
