package io.converge.telemetry.domain.sparkplug;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet.PropertySetBuilder;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload.SparkplugBPayloadBuilder;
import org.eclipse.tahu.protobuf.SparkplugBProto;

/** Builds real Sparkplug B payloads with tahu-core's model + encoder (and raw protobuf builders for edge cases). */
final class SparkplugPayloads {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:05Z");

    private SparkplugPayloads() {
    }

    static Metric metric(String name, Long alias, MetricDataType type, Object value) {
        try {
            // tahu's MetricBuilder stamps metrics with new Date() unless told otherwise
            return new MetricBuilder(name, type, value).alias(alias).timestamp(null).createMetric();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Metric withQuality(String name, MetricDataType type, Object value, int quality) {
        try {
            return new MetricBuilder(name, type, value).timestamp(null)
                    .properties(new PropertySetBuilder()
                            .addProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, quality))
                            .createPropertySet())
                    .createMetric();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Metric timed(String name, MetricDataType type, Object value, Instant ts) {
        try {
            return new MetricBuilder(name, type, value).timestamp(Date.from(ts)).createMetric();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Payload with timestamp (may be null) and seq, encoded by tahu's SparkplugBPayloadEncoder. */
    static byte[] encode(Instant ts, boolean stripDataTypes, Metric... metrics) {
        SparkplugBPayloadBuilder b = new SparkplugBPayloadBuilder().setSeq(0L);
        if (ts != null) {
            b.setTimestamp(Date.from(ts));
        }
        b.addMetrics(List.of(metrics));
        try {
            return new SparkplugBPayloadEncoder().getBytes(b.createPayload(), stripDataTypes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(Metric... metrics) {
        return encode(T0, false, metrics);
    }

    /** NBIRTH payload: bdSeq + Node Control/Rebirth + the given metrics. */
    static byte[] nbirth(long bdSeq, Metric... metrics) {
        List<Metric> all = new ArrayList<>();
        all.add(metric("bdSeq", null, MetricDataType.Int64, bdSeq));
        all.add(metric("Node Control/Rebirth", null, MetricDataType.Boolean, false));
        all.addAll(List.of(metrics));
        return encode(T0, false, all.toArray(Metric[]::new));
    }

    /** NDEATH payload: just the bdSeq metric, no timestamp (like an MQTT will). */
    static byte[] ndeath(long bdSeq) {
        return encode(null, false, metric("bdSeq", null, MetricDataType.Int64, bdSeq));
    }

    /** A DATA metric as edge nodes send it after a birth: alias only, no name, no datatype. */
    static SparkplugBProto.Payload.Metric.Builder aliasOnly(long alias) {
        return SparkplugBProto.Payload.Metric.newBuilder().setAlias(alias);
    }

    static byte[] raw(Instant ts, SparkplugBProto.Payload.Metric.Builder... metrics) {
        SparkplugBProto.Payload.Builder b = SparkplugBProto.Payload.newBuilder().setSeq(1);
        if (ts != null) {
            b.setTimestamp(ts.toEpochMilli());
        }
        for (SparkplugBProto.Payload.Metric.Builder m : metrics) {
            b.addMetrics(m);
        }
        return b.build().toByteArray();
    }

    static SparkplugTopic topic(String topic) {
        return SparkplugTopic.parse(topic);
    }
}
