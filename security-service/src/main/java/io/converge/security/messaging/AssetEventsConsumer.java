package io.converge.security.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.events.AssetEventData;
import io.converge.events.AssetEventTypes;
import io.converge.events.CloudEvent;
import io.converge.security.context.AssetDirectory;
import io.converge.security.domain.NormalizationException;
import io.converge.security.domain.ServiceEvents;
import io.converge.security.intake.Intake;
import io.converge.security.intake.SecurityPipeline;
import io.converge.outbox.RecordBatches;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * converge.asset.events: keeps the local registry view (newer versions win, idempotent), and turns each firmware
 * change into a security event (OCSF 5019) for the rules — after the view is updated, so the event sees the asset as
 * it is now. A record that is not an asset event goes to the DLQ alone. Consumed in batches (a fleet-wide campaign
 * changes thousands of firmware versions a minute).
 */
@ApplicationScoped
public class AssetEventsConsumer {

    private final AssetDirectory assets;
    private final SecurityPipeline pipeline;
    private final ObjectReader reader;

    public AssetEventsConsumer(AssetDirectory assets, SecurityPipeline pipeline, ObjectMapper json) {
        this.assets = assets;
        this.pipeline = pipeline;
        this.reader = json.readerFor(new TypeReference<CloudEvent<AssetEventData>>() {
        }).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** An asset event read: the asset, whether deleted, and the security event a firmware change makes (or null). */
    record Read(AssetEventData asset, boolean deleted, Intake firmwareChange) {
    }

    /** A batch: the view in one statement, then the batch's firmware changes through the rules together. */
    @Incoming("asset-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.consume(batch, this::read, this::apply);
    }

    Uni<Void> apply(List<Read> events) {
        List<Intake> changes = new ArrayList<>();
        events.forEach(e -> {
            if (e.firmwareChange() != null) {
                changes.add(e.firmwareChange());
            }
        });
        return assets.apply(events.stream().map(e -> new AssetDirectory.Change(e.asset(), e.deleted())).toList())
                .call(() -> changes.isEmpty() ? Uni.createFrom().voidItem() : pipeline.process(changes))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .replaceWithVoid();
    }

    Read read(String record) {
        CloudEvent<AssetEventData> ce;
        try {
            ce = reader.readValue(record);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e);
        }
        AssetEventData a = ce.data();
        if (a == null || a.id() == null || a.tag() == null || ce.type() == null
                || !ce.type().startsWith("io.converge.asset.")) {
            throw new IllegalArgumentException("not an asset event: " + ce.type());
        }
        Intake firmware = null;
        if (AssetEventTypes.FIRMWARE_CHANGED.equals(ce.type())) {
            try {
                firmware = Intake.ok("kafka", null, ServiceEvents.firmwareChanged(ce));
            } catch (NormalizationException e) {
                firmware = Intake.failed("kafka", record, e.getMessage());
            }
        }
        return new Read(a, AssetEventTypes.DELETED.equals(ce.type()), firmware);
    }
}
