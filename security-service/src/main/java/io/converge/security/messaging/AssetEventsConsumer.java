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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * converge.asset.events: keeps the local registry view (newer versions win, idempotent), and turns each firmware
 * change into a security event (OCSF 5019) for the rules — after the view is updated, so the event sees the asset as
 * it is now. A record that is not an asset event goes to the DLQ.
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

    @Incoming("asset-events")
    public Uni<Void> onEvent(String record) {
        CloudEvent<AssetEventData> ce;
        try {
            ce = reader.readValue(record);
        } catch (IOException | RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent: " + e.getMessage()));
        }
        AssetEventData a = ce.data();
        if (a == null || a.id() == null || a.tag() == null || ce.type() == null
                || !ce.type().startsWith("io.converge.asset.")) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an asset event: " + ce.type()));
        }
        Uni<Void> applied = assets.apply(a, AssetEventTypes.DELETED.equals(ce.type()));
        if (!AssetEventTypes.FIRMWARE_CHANGED.equals(ce.type())) {
            return applied;
        }
        CloudEvent<AssetEventData> event = ce;
        return applied.flatMap(x -> {
            Intake in;
            try {
                in = Intake.ok("kafka", null, ServiceEvents.firmwareChanged(event));
            } catch (NormalizationException e) {
                in = Intake.failed("kafka", record, e.getMessage());
            }
            return pipeline.process(List.of(in));
        }).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .replaceWithVoid();
    }
}
