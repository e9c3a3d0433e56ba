package io.converge.kpi.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.events.CloudEvent;
import io.converge.events.TelemetryEventTypes;
import io.converge.events.TelemetryPointsData;
import io.converge.kpi.stream.PointsIntake;
import io.converge.rest.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes converge.telemetry.points in batches. A record that is not a telemetry points CloudEvent (unreadable
 * JSON, another type, no data, no id) goes to converge.telemetry.points.dlq with the reason in the
 * {@code dead-letter-reason} header, and the batch goes on. The rest is taken in one transaction
 * ({@link PointsIntake}); transient failures (database down) are retried with back-off until they pass, so the
 * consumer pauses instead of losing or dead-lettering good records. The batch is acknowledged after the transaction
 * (offsets are committed then); a failure nacks it (failure strategy fail).
 */
@ApplicationScoped
public class TelemetryPointsConsumer {

    private static final Logger LOG = Logger.getLogger(TelemetryPointsConsumer.class);
    private final PointsIntake intake;
    private final MutinyEmitter<String> dlq;
    private final ObjectReader reader;
    private final Counter poison;

    public TelemetryPointsConsumer(PointsIntake intake, @Channel("telemetry-points-dlq") MutinyEmitter<String> dlq,
            ObjectMapper json, MeterRegistry registry) {
        this.intake = intake;
        this.dlq = dlq;
        this.reader = json.readerFor(new TypeReference<CloudEvent<TelemetryPointsData>>() {
        }).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.poison = Counter.builder("converge.kpi.records.dead-lettered")
                .description("consumed records sent to the dead-letter topic").register(registry);
    }

    @Incoming("telemetry-points")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<CloudEvent<TelemetryPointsData>> events = new ArrayList<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (KafkaRecord<String, String> r : batch) {
            try {
                events.add(parse(r.getPayload()));
            } catch (RuntimeException | java.io.IOException e) {
                rejected.add(deadLetter(r, e.getMessage()));
            }
        }
        Uni<Void> dead = rejected.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(rejected).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                        .replaceWithVoid();
        return dead.flatMap(x -> intake.process(events)
                .onFailure(TransientFailures::test).invoke(e -> LOG.warnf(
                        "telemetry batch not taken yet (%s); retrying", e.toString()))
                .onFailure(TransientFailures::test).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely())
                // a method taking the batch (a Message) acknowledges it itself: without this no offset is committed
                // and the throttled commit strategy fails the channel once a record waited 60 s for its ack
                .call(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure().call(e -> Uni.createFrom().completionStage(() -> batch.nack(e)));
    }

    private CloudEvent<TelemetryPointsData> parse(String payload) throws java.io.IOException {
        if (payload == null) {
            throw new IllegalArgumentException("empty record");
        }
        CloudEvent<TelemetryPointsData> ce = reader.readValue(payload);
        if (!TelemetryEventTypes.POINTS.equals(ce.type())) {
            throw new IllegalArgumentException("not a telemetry points event: type " + ce.type());
        }
        TelemetryPointsData d = ce.data();
        if (ce.id() == null || d == null || d.assetId() == null || d.assetTag() == null || d.points() == null) {
            throw new IllegalArgumentException("telemetry points event without id, asset or points");
        }
        UUID.fromString(ce.id());
        return ce;
    }

    private Uni<Void> deadLetter(KafkaRecord<String, String> r, String reason) {
        poison.increment();
        String why = reason == null ? "unreadable record" : reason;
        long offset = r.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class)
                .map(m -> m.getOffset()).orElse(-1L);
        LOG.warnf("telemetry record %s-%d@%d dead-lettered: %s", r.getTopic(), r.getPartition(), offset, why);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", why.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", r.getTopic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(r.getPartition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder().withKey(r.getKey())
                .withHeaders(headers).build();
        return dlq.sendMessage(Message.of(r.getPayload() == null ? "" : r.getPayload()).addMetadata(meta));
    }
}
