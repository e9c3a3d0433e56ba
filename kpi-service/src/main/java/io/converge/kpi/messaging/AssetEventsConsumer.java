package io.converge.kpi.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.events.AssetEventData;
import io.converge.events.AssetEventTypes;
import io.converge.events.CloudEvent;
import io.converge.kpi.stream.AssetDirectory;
import io.converge.outbox.RecordBatches;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps kpi-service's asset view (line, site, criticality) from converge.asset.events, read from the start of the
 * topic by the kpi-service consumer group. Applying an event is idempotent (newer versions win). A record that is not
 * an asset event goes to the DLQ.
 */
@ApplicationScoped
public class AssetEventsConsumer {

    private final AssetDirectory assets;
    private final ObjectReader reader;

    public AssetEventsConsumer(AssetDirectory assets, ObjectMapper json) {
        this.assets = assets;
        this.reader = json.readerFor(new TypeReference<CloudEvent<AssetEventData>>() {
        }).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("asset-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.consume(batch, this::read, assets::apply);
    }

    AssetDirectory.Change read(String record) {
        CloudEvent<AssetEventData> ce;
        try {
            ce = reader.readValue(record);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e);
        }
        AssetEventData a = ce.data();
        if (a == null || a.id() == null || a.tag() == null || ce.type() == null
                || !ce.type().startsWith("io.converge.asset.")) {
            throw new IllegalArgumentException("not an asset event: " + ce.type());
        }
        return new AssetDirectory.Change(a, AssetEventTypes.DELETED.equals(ce.type()));
    }
}
