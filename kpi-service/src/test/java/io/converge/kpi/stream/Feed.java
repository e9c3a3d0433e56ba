package io.converge.kpi.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.AssetEventData;
import io.converge.events.AssetEventTypes;
import io.converge.events.CloudEvent;
import io.converge.events.TelemetryEventTypes;
import io.converge.events.TelemetryPointsData;
import io.converge.events.Topics;
import io.converge.testing.KafkaTopicWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes what asset-service and telemetry-service would: asset events and telemetry point batches. */
final class Feed implements AutoCloseable {

    final UUID assetId = UUID.randomUUID();
    final String tag = "PRESS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    final UUID lineId;
    final UUID siteId;
    private final ObjectMapper json;
    private final KafkaTopicWriter writer = new KafkaTopicWriter();

    Feed(ObjectMapper json, UUID siteId, UUID lineId) {
        this.json = json;
        this.siteId = siteId;
        this.lineId = lineId;
    }

    void assetCreated(String criticality) {
        AssetEventData a = new AssetEventData(assetId, tag, "Press " + tag, "ot", "plc", "Siemens", "S7-1500", null,
                null, siteId, lineId, null, criticality, "2.9.1", "active", Map.of(), 1, Instant.now(), "test",
                null, null);
        writer.send(Topics.ASSET_EVENTS, assetId.toString(), write(CloudEvent.of("/converge/asset-service",
                AssetEventTypes.CREATED, assetId.toString(), a)));
    }

    /** Where the last telemetry event was written. */
    KafkaTopicWriter.TopicPartitionOffset last;

    /** Sends one telemetry event; answers its id. */
    String points(List<TelemetryPointsData.Sample> samples) {
        CloudEvent<TelemetryPointsData> ce = CloudEvent.of(TelemetryEventTypes.SOURCE, TelemetryEventTypes.POINTS,
                assetId.toString(), new TelemetryPointsData(assetId, tag, siteId, "http", samples));
        last = writer.send(Topics.TELEMETRY_POINTS, assetId.toString(), write(ce));
        return ce.id();
    }

    /** Sends a telemetry event with a given id (a redelivery). */
    void points(String id, List<TelemetryPointsData.Sample> samples) {
        CloudEvent<TelemetryPointsData> ce = new CloudEvent<>("1.0", id, TelemetryEventTypes.SOURCE,
                TelemetryEventTypes.POINTS, assetId.toString(), Instant.now(), "application/json",
                new TelemetryPointsData(assetId, tag, siteId, "http", samples));
        writer.send(Topics.TELEMETRY_POINTS, assetId.toString(), write(ce));
    }

    void raw(String payload) {
        writer.send(Topics.TELEMETRY_POINTS, assetId.toString(), payload);
    }

    static TelemetryPointsData.Sample value(String metric, Instant ts, double v) {
        return new TelemetryPointsData.Sample(metric, ts, v, null, "good", null);
    }

    static TelemetryPointsData.Sample state(String metric, Instant ts, String s) {
        return new TelemetryPointsData.Sample(metric, ts, null, s, "good", null);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
