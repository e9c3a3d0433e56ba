package io.converge.simulator.sparkplug;

import io.converge.simulator.plant.Reading;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

/**
 * The Sparkplug B side of one edge node (pure: builds topics and protobuf payloads with tahu-core's classes, the
 * ones telemetry-service decodes with; the MQTT client is elsewhere). Topics are
 * {@code spBv1.0/{group}/{NBIRTH|NDEATH|DBIRTH|DDATA}/{edgeNode}[/{device}]}. The NBIRTH carries {@code bdSeq} and
 * {@code Node Control/Rebirth}; the NDEATH (the MQTT will) the same {@code bdSeq}. A device's first message is a
 * DBIRTH declaring every metric with a name, an alias unique in the node and a datatype; later ones are DDATA with
 * aliases only. A device reporting a metric its birth did not declare is born again with the union (earlier metrics
 * without a value now as {@code is_null}). {@code seq} runs 0–255 from the NBIRTH. Not thread-safe.
 */
public final class SparkplugEdge {

    public static final String NAMESPACE = "spBv1.0";
    public static final String BD_SEQ = "bdSeq";
    public static final String REBIRTH = "Node Control/Rebirth";

    /** One message to publish. */
    public record Message(String topic, byte[] payload) {
    }

    private record Declared(long alias, DataType type) {
    }

    private final String group;
    private final String edgeNode;
    private final long bdSeq;
    private final Map<String, Map<String, Declared>> devices = new LinkedHashMap<>();
    private long nextAlias = 1;
    private long seq;

    public SparkplugEdge(String group, String edgeNode, long bdSeq) {
        this.group = requireId(group, "group");
        this.edgeNode = requireId(edgeNode, "edgeNode");
        if (bdSeq < 0 || bdSeq > 255) {
            throw new IllegalArgumentException("bdSeq must be in 0..255");
        }
        this.bdSeq = bdSeq;
    }

    private static String requireId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (id.isEmpty() || id.contains("/") || id.contains("+") || id.contains("#")) {
            throw new IllegalArgumentException(what + " must be a non-empty MQTT topic level: " + id);
        }
        return id;
    }

    public String topic(String type) {
        return NAMESPACE + "/" + group + "/" + type + "/" + edgeNode;
    }

    public String topic(String type, String device) {
        return topic(type) + "/" + requireId(device, "device");
    }

    /** The NBIRTH; resets seq to 0 and forgets the device births (each device is born again on its next message). */
    public Message nbirth(Instant ts) {
        seq = 0;
        devices.clear();
        Payload p = Payload.newBuilder().setTimestamp(ts.toEpochMilli()).setSeq(nextSeq())
                .addMetrics(Metric.newBuilder().setName(BD_SEQ).setDatatype(DataType.Int64_VALUE).setLongValue(bdSeq))
                .addMetrics(Metric.newBuilder().setName(REBIRTH).setDatatype(DataType.Boolean_VALUE)
                        .setBooleanValue(false))
                .build();
        return new Message(topic("NBIRTH"), p.toByteArray());
    }

    /** The NDEATH payload (registered as the MQTT will): only bdSeq, no timestamp. */
    public Message ndeath() {
        Payload p = Payload.newBuilder()
                .addMetrics(Metric.newBuilder().setName(BD_SEQ).setDatatype(DataType.Int64_VALUE).setLongValue(bdSeq))
                .build();
        return new Message(topic("NDEATH"), p.toByteArray());
    }

    /** The topic to listen on for commands to this node (Rebirth). */
    public String commandTopic() {
        return topic("NCMD");
    }

    /** True when an NCMD payload asks for a rebirth. */
    public static boolean isRebirthRequest(byte[] payload) {
        try {
            for (Metric m : Payload.parseFrom(payload).getMetricsList()) {
                if (REBIRTH.equals(m.getName()) && m.getBooleanValue()) {
                    return true;
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
        return false;
    }

    /** One device's readings: a DBIRTH when the device is not born or reports a new metric, else a DDATA. */
    public Message device(String device, List<Reading> readings, Instant ts) {
        Map<String, Declared> known = devices.get(device);
        boolean birth = known == null || readings.stream().anyMatch(r -> !known.containsKey(r.metric()));
        Payload.Builder p = Payload.newBuilder().setTimestamp(ts.toEpochMilli()).setSeq(nextSeq());
        if (birth) {
            Map<String, Declared> declared = known == null ? new LinkedHashMap<>() : new LinkedHashMap<>(known);
            for (Reading r : readings) {
                declared.computeIfAbsent(r.metric(), k -> new Declared(nextAlias++, typeOf(r.value())));
            }
            devices.put(device, declared);
            Map<String, Reading> byName = new LinkedHashMap<>();
            readings.forEach(r -> byName.put(r.metric(), r));
            declared.forEach((name, d) -> {
                Metric.Builder m = Metric.newBuilder().setName(name).setAlias(d.alias()).setDatatype(d.type().getNumber());
                Reading r = byName.get(name);
                if (r == null) {
                    m.setIsNull(true);
                } else {
                    m.setTimestamp(r.ts().toEpochMilli());
                    setValue(m, r.value());
                }
                p.addMetrics(m);
            });
            return new Message(topic("DBIRTH", device), p.build().toByteArray());
        }
        for (Reading r : readings) {
            Metric.Builder m = Metric.newBuilder().setAlias(known.get(r.metric()).alias())
                    .setTimestamp(r.ts().toEpochMilli());
            setValue(m, r.value());
            p.addMetrics(m);
        }
        return new Message(topic("DDATA", device), p.build().toByteArray());
    }

    private long nextSeq() {
        long s = seq;
        seq = (seq + 1) % 256;
        return s;
    }

    static DataType typeOf(Object v) {
        return switch (v) {
            case String s -> DataType.String;
            case Double d -> DataType.Double;
            case Long l -> DataType.Int64;
            case Boolean b -> DataType.Boolean;
            default -> throw new IllegalArgumentException("unsupported value " + v.getClass());
        };
    }

    private static void setValue(Metric.Builder m, Object v) {
        switch (v) {
            case String s -> m.setStringValue(s);
            case Double d -> m.setDoubleValue(d);
            case Long l -> m.setLongValue(l);
            case Boolean b -> m.setBooleanValue(b);
            default -> throw new IllegalArgumentException("unsupported value " + v.getClass());
        }
    }

    public String group() {
        return group;
    }

    public String edgeNode() {
        return edgeNode;
    }

    public long bdSeq() {
        return bdSeq;
    }
}
