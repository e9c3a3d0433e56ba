package io.converge.telemetry.messaging;

import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.AssetView;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.domain.sparkplug.SparkplugDecoder;
import io.converge.telemetry.domain.sparkplug.SparkplugException;
import io.converge.telemetry.domain.sparkplug.SparkplugResult;
import io.converge.telemetry.domain.sparkplug.SparkplugSessions;
import io.converge.telemetry.domain.sparkplug.SparkplugTopic;
import io.converge.telemetry.ingest.IngestMetrics;
import io.converge.telemetry.ingest.IngestService;
import io.converge.telemetry.ingest.ParsedBatch;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Sparkplug B host application: births register metric names and aliases, DATA messages resolve them, DEATHs store
 * an {@code offline} point of quality {@code bad} for every metric of the node or device. Devices map to assets by
 * the asset label {@code sparkplug=group/edgeNode/device} (edge nodes: {@code group/edgeNode}), else by device id =
 * asset tag. Messages are handled in arrival order (the session state depends on it); a node whose state is unknown
 * is asked to rebirth.
 */
@ApplicationScoped
public class SparkplugConsumer {

    private static final Logger LOG = Logger.getLogger(SparkplugConsumer.class);
    public static final String OFFLINE = "offline";
    private final IngestService ingest;
    private final IngestMetrics metrics;
    private final MqttBatches batches;
    private final AssetView view;
    private final RebirthRequests rebirths;
    private final SparkplugDecoder decoder = new SparkplugDecoder(new SparkplugSessions());

    public SparkplugConsumer(IngestService ingest, IngestMetrics metrics, MqttBatches batches, AssetView view,
            RebirthRequests rebirths) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.batches = batches;
        this.view = view;
        this.rebirths = rebirths;
    }

    @Incoming("mqtt-sparkplug")
    @Outgoing("mqtt-sparkplug-stored")
    public Multi<Message<Integer>> consume(Multi<Message<byte[]>> messages) {
        return batches.process("mqtt-sparkplug", messages, this::store);
    }

    @Incoming("mqtt-sparkplug-stored")
    void stored(int points) {
        // the end of the stream: acknowledgement happened when the batch committed
    }

    Uni<Integer> store(List<Message<byte[]>> group) {
        List<Point> points = new ArrayList<>();
        java.util.Map<String, String> topics = new java.util.HashMap<>();
        Instant now = Instant.now();
        for (Message<byte[]> m : group) {
            String topicName = MqttBatches.topic(m);
            Optional<SparkplugTopic> topic = SparkplugTopic.tryParse(topicName);
            if (topic.isEmpty()) {
                metrics.malformed("sparkplug", 1);
                continue;
            }
            if (topic.get().isIgnorable()) {
                continue;
            }
            SparkplugResult r;
            try {
                r = decoder.decode(topic.get(), m.getPayload(), now);
            } catch (SparkplugException e) {
                LOG.debugf("unreadable Sparkplug B message on %s: %s", topicName, e.getMessage());
                metrics.malformed("sparkplug", 1);
                continue;
            }
            if (r.rebirthNeeded()) {
                rebirths.request(topic.get().group(), topic.get().edgeNode());
            }
            if (!r.errors().isEmpty()) {
                LOG.debugf("Sparkplug B metrics refused on %s: %s", topicName, r.errors());
                metrics.malformed("sparkplug", r.errors().size());
            }
            String tag = tag(topic.get(), r.deviceKey());
            topics.putIfAbsent(tag, topicName);
            for (Point p : r.points()) {
                points.add(p.withAsset(tag));
            }
            for (SparkplugResult.OfflineMetric off : r.offline()) {
                points.add(Point.state(tag(topic.get(), off.deviceKey()), off.metric(), r.timestamp(), OFFLINE,
                        Quality.BAD));
            }
        }
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return ingest.ingest(ParsedBatch.of(points), "sparkplug", MqttBatches.sourceOf(topics))
                .map(res -> res.accepted());
    }

    /** The asset tag of a device key (device id, or edge node id for node-level metrics). */
    private String tag(SparkplugTopic topic, String deviceKey) {
        String device = deviceKey.equals(topic.edgeNode()) && topic.device() == null ? null : deviceKey;
        return view.bySparkplug(topic.group(), topic.edgeNode(), device).map(AssetRef::tag).orElse(deviceKey);
    }
}
