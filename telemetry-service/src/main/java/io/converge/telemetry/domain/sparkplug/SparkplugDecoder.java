package io.converge.telemetry.domain.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.sparkplug.MetricCatalog.Definition;
import io.converge.telemetry.domain.sparkplug.SparkplugResult.MetricError;
import io.converge.telemetry.domain.sparkplug.SparkplugSessions.NodeId;
import io.converge.telemetry.domain.sparkplug.SparkplugTopic.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

/**
 * Decodes Sparkplug B payloads (tahu-core protobuf classes) against the host session state in
 * {@link SparkplugSessions}. Pure apart from that state; thread-safe.
 *
 * <ul>
 * <li>Births register the declared metrics (name, alias, datatype; NBIRTH also its bdSeq) and yield their values.</li>
 * <li>DATA metrics are resolved by alias and/or name against the birth; without a birth, or with an alias/name the
 * birth did not declare, the metrics are reported as errors and {@code rebirthNeeded} is set.</li>
 * <li>Point timestamps: the metric timestamp, else the payload timestamp, else the receive time.</li>
 * <li>Quality: the metric property {@code Quality} (see {@link SparkplugQuality}), else GOOD.</li>
 * <li>Skipped without error: metrics with {@code is_null} (a {@link Point} needs a value or a state, and a null
 * sample carries none), {@code is_transient} metrics (the spec says hosts must not historize them), and the
 * Sparkplug plumbing metrics {@code bdSeq}, {@code Node Control/*}, {@code Device Control/*}.</li>
 * <li>NDEATH time is the receive time: an NDEATH is the MQTT will registered at connect time, so a payload timestamp
 * in it is the connect time.</li>
 * </ul>
 */
public final class SparkplugDecoder {

    /** The NCMD metric that asks an edge node to re-publish its NBIRTH and DBIRTHs. */
    public static final String REBIRTH_METRIC = "Node Control/Rebirth";

    private final SparkplugSessions sessions;

    public SparkplugDecoder(SparkplugSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Decodes one message.
     *
     * @throws SparkplugException if the payload is missing or not a Sparkplug B protobuf payload
     */
    public SparkplugResult decode(SparkplugTopic topic, byte[] payload, Instant receivedAt) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (topic.isIgnorable()) {
            return SparkplugResult.ignored(topic, receivedAt);
        }
        Payload p = parse(topic, payload);
        Instant ts = p.hasTimestamp() ? Instant.ofEpochMilli(p.getTimestamp()) : receivedAt;
        NodeId node = NodeId.of(topic);
        return switch (topic.type()) {
            case NBIRTH, DBIRTH -> birth(topic, node, p, ts);
            case NDATA, DDATA -> data(topic, node, p, ts);
            case NDEATH -> {
                SparkplugSessions.Death d = sessions.nodeDeath(node, bdSeq(p));
                yield new SparkplugResult(topic, receivedAt, List.of(), List.of(), false, d.offline(), d.stale());
            }
            case DDEATH -> new SparkplugResult(topic, ts, List.of(), List.of(), false,
                    sessions.deviceDeath(node, topic.device()), false);
            default -> SparkplugResult.ignored(topic, receivedAt);
        };
    }

    /** Topic of the Rebirth request for an edge node: {@code spBv1.0/{group}/NCMD/{edgeNode}}. */
    public static String rebirthTopic(String group, String edgeNode) {
        return SparkplugTopic.node(group, MessageType.NCMD, edgeNode).topic();
    }

    /** NCMD payload with the Boolean metric {@value #REBIRTH_METRIC} = true, stamped {@code now}. */
    public static byte[] rebirthPayload(Instant now) {
        long ms = now.toEpochMilli();
        return Payload.newBuilder()
                .setTimestamp(ms)
                .addMetrics(Metric.newBuilder().setName(REBIRTH_METRIC).setTimestamp(ms)
                        .setDatatype(DataType.Boolean_VALUE).setBooleanValue(true))
                .build()
                .toByteArray();
    }

    private SparkplugResult birth(SparkplugTopic topic, NodeId node, Payload p, Instant ts) {
        List<Point> points = new ArrayList<>();
        List<MetricError> errors = new ArrayList<>();
        List<Definition> defs = new ArrayList<>();
        Map<String, Definition> names = new HashMap<>();
        Map<Long, Definition> aliases = new HashMap<>();
        for (Metric m : p.getMetricsList()) {
            if (!m.hasName() || m.getName().isEmpty()) {
                errors.add(error(m, "birth metric without a name"));
                continue;
            }
            if (!m.hasDatatype() || m.getDatatype() == DataType.Unknown_VALUE) {
                errors.add(error(m, "birth metric without a datatype"));
                continue;
            }
            Definition def = new Definition(m.getName(), m.hasAlias() ? m.getAlias() : null, m.getDatatype());
            if (names.containsKey(def.name())) {
                errors.add(error(m, "declared twice in the birth; the first declaration is kept"));
                continue;
            }
            if (def.alias() != null && aliases.containsKey(def.alias())) {
                errors.add(error(m, "alias already used by '" + aliases.get(def.alias()).name() + "'"));
                continue;
            }
            defs.add(def);
            names.put(def.name(), def);
            if (def.alias() != null) {
                aliases.put(def.alias(), def);
            }
            addPoint(points, errors, m, def.datatype(), topic.deviceKey(), def.name(), ts);
        }
        MetricCatalog catalog = new MetricCatalog(defs);
        boolean rebirth = false;
        if (topic.type() == MessageType.NBIRTH) {
            sessions.nodeBirth(node, bdSeq(p), catalog);
        } else {
            rebirth = !sessions.deviceBirth(node, topic.device(), catalog);
        }
        return new SparkplugResult(topic, ts, points, errors, rebirth, List.of(), false);
    }

    private SparkplugResult data(SparkplugTopic topic, NodeId node, Payload p, Instant ts) {
        boolean device = topic.type().isDeviceMessage();
        Optional<MetricCatalog> catalog = device ? sessions.deviceCatalog(node, topic.device())
                : sessions.nodeCatalog(node);
        List<Point> points = new ArrayList<>();
        List<MetricError> errors = new ArrayList<>();
        if (catalog.isEmpty()) {
            String reason = "no " + (device ? "DBIRTH" : "NBIRTH") + " for '" + topic.deviceKey()
                    + "' in the current session (never seen, or it went offline)";
            p.getMetricsList().forEach(m -> errors.add(error(m, reason)));
            return new SparkplugResult(topic, ts, points, errors, true, List.of(), false);
        }
        boolean rebirth = false;
        for (Metric m : p.getMetricsList()) {
            if (!m.hasName() && !m.hasAlias()) {
                errors.add(error(m, "metric has neither name nor alias"));
                continue;
            }
            Definition def = resolve(catalog.get(), m);
            if (def == null) {
                errors.add(error(m, (m.hasAlias() && !m.hasName() ? "alias" : "metric")
                        + " not declared in the birth of '" + topic.deviceKey() + "'"));
                rebirth = true;
                continue;
            }
            int datatype = m.hasDatatype() && m.getDatatype() != DataType.Unknown_VALUE ? m.getDatatype()
                    : def.datatype();
            addPoint(points, errors, m, datatype, topic.deviceKey(), def.name(), ts);
        }
        return new SparkplugResult(topic, ts, points, errors, rebirth, List.of(), false);
    }

    private static Definition resolve(MetricCatalog catalog, Metric m) {
        if (m.hasAlias()) {
            Optional<Definition> byAlias = catalog.byAlias(m.getAlias());
            if (byAlias.isPresent()) {
                return byAlias.get();
            }
        }
        return m.hasName() ? catalog.byName(m.getName()).orElse(null) : null;
    }

    private static void addPoint(List<Point> points, List<MetricError> errors, Metric m, int datatype, String asset,
            String name, Instant payloadTs) {
        if (m.getIsNull() || m.getIsTransient() || !MetricCatalog.isTelemetry(name)) {
            return;
        }
        Instant ts = m.hasTimestamp() ? Instant.ofEpochMilli(m.getTimestamp()) : payloadTs;
        MetricValues.Converted c = MetricValues.toPoint(m, datatype, asset, name, ts, SparkplugQuality.of(m));
        if (c.point() != null) {
            points.add(c.point());
        } else {
            errors.add(new MetricError(name, m.hasAlias() ? m.getAlias() : null, c.error()));
        }
    }

    /** The value of the {@code bdSeq} metric, if the payload has one with an integer value. */
    private static Long bdSeq(Payload p) {
        for (Metric m : p.getMetricsList()) {
            if (m.hasName() && MetricCatalog.BD_SEQ.equals(m.getName())) {
                return switch (m.getValueCase()) {
                    case LONG_VALUE -> m.getLongValue();
                    case INT_VALUE -> Integer.toUnsignedLong(m.getIntValue());
                    default -> null;
                };
            }
        }
        return null;
    }

    private static MetricError error(Metric m, String reason) {
        return new MetricError(m.hasName() ? m.getName() : null, m.hasAlias() ? m.getAlias() : null, reason);
    }

    private static Payload parse(SparkplugTopic topic, byte[] bytes) {
        if (bytes == null) {
            throw new SparkplugException("no payload on " + topic);
        }
        Payload p;
        try {
            p = Payload.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new SparkplugException("malformed Sparkplug B payload on " + topic + " (" + bytes.length
                    + " bytes): " + e.getMessage(), e);
        }
        if (bytes.length > 0 && !p.hasTimestamp() && p.getMetricsCount() == 0 && !p.hasSeq() && !p.hasUuid()
                && !p.hasBody()) {
            throw new SparkplugException("not a Sparkplug B payload on " + topic + " (" + bytes.length
                    + " bytes): no Sparkplug field in it");
        }
        return p;
    }
}
