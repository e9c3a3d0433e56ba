package io.converge.telemetry.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.events.AssetEventData;
import io.converge.events.AssetEventTypes;
import io.converge.events.CloudEvent;
import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.AssetView;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the local registry view current from converge.asset.events. Each replica reads the whole topic under its own
 * consumer group, from the position at which it joined; when it gets its partitions it reloads the registry over
 * REST, so the load covers everything before that position. A record that is not an asset event goes to the DLQ.
 */
@ApplicationScoped
@Identifier("registry-reload")
public class AssetEventsConsumer implements KafkaConsumerRebalanceListener {

    private final AssetView view;
    private final RegistryLoader loader;
    private final ObjectReader reader;

    public AssetEventsConsumer(AssetView view, RegistryLoader loader, ObjectMapper json) {
        this.view = view;
        this.loader = loader;
        this.reader = json.readerFor(new TypeReference<CloudEvent<AssetEventData>>() {
        }).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("asset-events")
    public void onEvent(String record) throws IOException {
        CloudEvent<AssetEventData> ce = reader.readValue(record);
        AssetEventData a = ce.data();
        if (a == null || a.id() == null || a.tag() == null || !ce.type().startsWith("io.converge.asset.")) {
            throw new IllegalArgumentException("not an asset event: " + ce.type());
        }
        view.apply(new AssetRef(a.id(), a.tag(), a.siteId(), a.status(), a.labels() == null ? Map.of() : a.labels(),
                a.version(), AssetEventTypes.DELETED.equals(ce.type())));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        loader.trigger();
    }
}
