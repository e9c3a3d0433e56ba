package io.converge.telemetry.messaging;

import io.converge.rest.DomainException;
import io.converge.telemetry.api.PointReader;
import io.converge.telemetry.config.TelemetryConfig;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Rejection;
import io.converge.telemetry.ingest.IngestMetrics;
import io.converge.telemetry.ingest.IngestService;
import io.converge.telemetry.ingest.ParsedBatch;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Plain JSON telemetry on {@code converge/{site}/{assetTag}/telemetry}: a point object or an array of points whose
 * asset is the topic's. A group of messages is one ingest batch; a message that is not JSON is counted and dropped
 * (redelivering it would never help).
 */
@ApplicationScoped
public class MqttJsonConsumer {

    private static final Logger LOG = Logger.getLogger(MqttJsonConsumer.class);
    private final IngestService ingest;
    private final IngestMetrics metrics;
    private final MqttBatches batches;
    private final int maxBatch;

    public MqttJsonConsumer(IngestService ingest, IngestMetrics metrics, MqttBatches batches, TelemetryConfig config) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.batches = batches;
        this.maxBatch = config.ingest().maxBatch();
    }

    @Incoming("mqtt-json")
    @Outgoing("mqtt-json-stored")
    public Multi<Message<Integer>> consume(Multi<Message<byte[]>> messages) {
        return batches.process("mqtt-json", messages, this::store);
    }

    @Incoming("mqtt-json-stored")
    void stored(int points) {
        // the end of the stream: acknowledgement happened when the batch committed
    }

    Uni<Integer> store(List<Message<byte[]>> group) {
        List<Point> points = new ArrayList<>();
        List<Rejection> malformed = new ArrayList<>();
        java.util.Map<String, String> topics = new java.util.HashMap<>();
        for (Message<byte[]> m : group) {
            String topic = MqttBatches.topic(m);
            String[] parts = topic.split("/");
            if (parts.length != 4 || parts[2].isEmpty()) {
                metrics.malformed("mqtt", 1);
                continue;
            }
            topics.putIfAbsent(parts[2], topic);
            try {
                ParsedBatch one = PointReader.array(m.getPayload(), maxBatch, parts[2]);
                int offset = points.size();
                points.addAll(one.points());
                one.malformed().forEach(r -> malformed.add(new Rejection(offset + r.index(), r.reason(), r.detail())));
            } catch (DomainException e) {
                LOG.debugf("unreadable MQTT message on %s: %s", topic, e.getMessage());
                metrics.malformed("mqtt", 1);
            }
        }
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return ingest.ingest(new ParsedBatch(points, malformed), "mqtt", MqttBatches.sourceOf(topics))
                .map(r -> r.accepted());
    }
}
