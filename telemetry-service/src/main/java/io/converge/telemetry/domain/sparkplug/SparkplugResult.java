package io.converge.telemetry.domain.sparkplug;

import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.sparkplug.SparkplugTopic.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one Sparkplug B message means for the telemetry store.
 *
 * @param topic the parsed topic (group, edge node, device, message type)
 * @param timestamp the payload timestamp, else the receive time; for NDEATH always the receive time (the NDEATH is
 *        the MQTT will registered at connect time, so its own timestamp is stale); the time of death for DEATHs
 * @param points decoded metric values, {@code asset} = {@link #deviceKey()} until the service maps it to an asset tag
 * @param errors metrics that could not be turned into points, with the reason (never silently dropped)
 * @param rebirthNeeded the host state for this edge node is missing or stale: publish a Rebirth NCMD to it
 * @param offline for NDEATH/DDEATH: the metrics that just went offline (the service stores a BAD point for each)
 * @param ignored nothing to do: a command or STATE message, or a stale NDEATH (bdSeq of an older session)
 */
public record SparkplugResult(SparkplugTopic topic, Instant timestamp, List<Point> points, List<MetricError> errors,
        boolean rebirthNeeded, List<OfflineMetric> offline, boolean ignored) {

    /** A metric that could not be decoded; {@code name} and/or {@code alias} identify it as the message did. */
    public record MetricError(String name, Long alias, String reason) {

        /** The metric name if known, else {@code alias N}, else {@code ?}. */
        public String label() {
            return name != null ? name : alias != null ? "alias " + alias : "?";
        }

        @Override
        public String toString() {
            return label() + ": " + reason;
        }
    }

    /** A metric of {@code deviceKey} that went offline with a DEATH message. */
    public record OfflineMetric(String deviceKey, String metric) {
    }

    public SparkplugResult {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        points = List.copyOf(points);
        errors = List.copyOf(errors);
        offline = List.copyOf(offline);
    }

    /** Device id for device messages, edge node id for node messages. */
    public String deviceKey() {
        return topic.deviceKey();
    }

    public MessageType type() {
        return topic.type();
    }

    /** Topic to publish the Rebirth request to when {@link #rebirthNeeded()}. */
    public String rebirthTopic() {
        return SparkplugDecoder.rebirthTopic(topic.group(), topic.edgeNode());
    }

    static SparkplugResult ignored(SparkplugTopic topic, Instant timestamp) {
        return new SparkplugResult(topic, timestamp, List.of(), List.of(), false, List.of(), true);
    }
}
