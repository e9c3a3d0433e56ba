package io.converge.security.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.events.CloudEvent;
import io.converge.events.SecurityEventTypes;
import io.converge.events.SecurityFindingData;
import io.converge.security.domain.JsonEvents;
import io.converge.security.domain.NormalizationException;
import io.converge.security.domain.ServiceEvents;
import io.converge.security.intake.Intake;
import io.converge.security.intake.SecurityPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * converge.security.events, in batches: findings of the other services ({@code io.converge.security.finding}) and
 * events their producers already normalized ({@code io.converge.security.ocsf-event}). A record that cannot be read
 * or normalized is stored raw with the reason (never dropped); a batch that cannot be stored (database down) is
 * retried with back-off, then dead-lettered.
 */
@ApplicationScoped
public class SecurityEventsConsumer {

    private final SecurityPipeline pipeline;
    private final ObjectMapper json;
    private final ObjectReader findings;
    private final JsonEvents normalizer = new JsonEvents(Clock.systemUTC());

    public SecurityEventsConsumer(SecurityPipeline pipeline, ObjectMapper json) {
        this.pipeline = pipeline;
        this.json = json;
        this.findings = json.readerFor(new TypeReference<CloudEvent<SecurityFindingData>>() {
        }).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("security-events")
    public Uni<Void> onBatch(List<String> records) {
        List<Intake> batch = new ArrayList<>(records.size());
        for (String r : records) {
            batch.add(read(r));
        }
        return pipeline.process(batch).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(8).replaceWithVoid();
    }

    Intake read(String record) {
        try {
            JsonNode node = json.readTree(record);
            String type = node.path("type").asText("");
            if (SecurityEventTypes.FINDING.equals(type)) {
                CloudEvent<SecurityFindingData> ce = findings.readValue(node);
                return Intake.ok("kafka", record, ServiceEvents.finding(ce));
            }
            if (SecurityEventTypes.OCSF_EVENT.equals(type)) {
                JsonNode data = node.get("data");
                return Intake.ok("kafka", record, normalizer.normalize(data, node.path("source").asText("kafka")));
            }
            return Intake.failed("kafka", record, "unknown event type '" + type + "' on converge.security.events");
        } catch (NormalizationException e) {
            return Intake.failed("kafka", record, e.getMessage());
        } catch (Exception e) {
            return Intake.failed("kafka", record, "not a CloudEvent: " + e.getMessage());
        }
    }
}
