package io.converge.kpi.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.KpiEventTypes;
import io.converge.events.Topics;
import io.converge.outbox.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Builds the outbox rows of kpi-service's events: a CloudEvent on converge.kpi.events with the given key. */
@ApplicationScoped
public class KpiEvents {

    private final ObjectMapper json;

    public KpiEvents(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param type    one of {@link KpiEventTypes}
     * @param subject the CloudEvents subject (asset id, line id or alarm id)
     * @param key     the record key: events of one key stay in order
     */
    public OutboxStore.Pending event(String type, String subject, String key, Object data) {
        CloudEvent<Object> ce = CloudEvent.of(KpiEventTypes.SOURCE, type, subject, data);
        try {
            return new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.KPI_EVENTS, key,
                    json.writeValueAsString(ce));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a KPI event", e);
        }
    }
}
