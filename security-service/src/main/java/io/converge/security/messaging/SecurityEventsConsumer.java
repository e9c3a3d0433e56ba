package io.converge.security.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.events.CloudEvent;
import io.converge.events.SecurityEventTypes;
import io.converge.events.SecurityFindingData;
import io.converge.outbox.RecordBatches;
import io.converge.rest.TransientFailures;
import io.converge.security.domain.JsonEvents;
import io.converge.security.domain.NormalizationException;
import io.converge.security.domain.ServiceEvents;
import io.converge.security.intake.Intake;
import io.converge.security.intake.SecurityPipeline;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * converge.security.events, in batches: findings of the other services ({@code io.converge.security.finding}) and
 * events their producers already normalized ({@code io.converge.security.ocsf-event}). A record that cannot be read
 * or normalized is stored raw with the reason (never dropped) and sent to converge.security.events.dlq with that
 * reason; a batch that cannot be stored because the database is unreachable is retried until it can, one that fails
 * otherwise is retried with back-off, then dead-lettered.
 */
@ApplicationScoped
public class SecurityEventsConsumer {

    private static final Logger LOG = Logger.getLogger(SecurityEventsConsumer.class);
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

    /**
     * Stores a batch (retried for as long as the database is unreachable: records are never dead-lettered for an
     * outage), then sends the records it could not read to converge.security.events.dlq with the reason (their raw
     * copy is stored too, for the analyst), then acknowledges the batch so its offsets are committed.
     */
    @Incoming("security-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> records) {
        List<KafkaRecord<String, String>> sources = records.getRecords();
        List<Intake> batch = new ArrayList<>(sources.size());
        for (KafkaRecord<String, String> r : sources) {
            batch.add(read(r.getPayload()));
        }
        return pipeline.process(batch)
                .onFailure(TransientFailures::test).invoke(e -> LOG.warnf(
                        "a batch of %d security events not stored yet (%s); retrying", batch.size(), e.toString()))
                .onFailure(TransientFailures::test).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .replaceWithVoid()
                .call(() -> {
                    List<Uni<Void>> dead = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        if (batch.get(i).error() != null) {
                            dead.add(RecordBatches.deadLetter(sources.get(i), batch.get(i).error()));
                        }
                    }
                    return dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andCollectFailures()
                            .replaceWithVoid();
                })
                .call(() -> Uni.createFrom().completionStage(records::ack))
                .onFailure().call(e -> Uni.createFrom().completionStage(() -> records.nack(e)));
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
