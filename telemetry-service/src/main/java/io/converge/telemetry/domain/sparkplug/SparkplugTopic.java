package io.converge.telemetry.domain.sparkplug;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A parsed Sparkplug B topic: {@code spBv1.0/{group}/{messageType}/{edgeNode}[/{device}]}.
 *
 * <p>Device message types (DBIRTH, DDATA, DDEATH, DCMD) require the device segment; node message types must not have
 * it. NCMD, DCMD and STATE are recognised but {@linkplain #isIgnorable() ignorable} for a host application that only
 * ingests telemetry. STATE topics ({@code spBv1.0/STATE/{hostId}}, or the Sparkplug 2.x form {@code STATE/{hostId}})
 * have no group: {@link #group()} is {@code null} and {@link #edgeNode()} holds the host application id.
 */
public record SparkplugTopic(String group, MessageType type, String edgeNode, String device) {

    public static final String NAMESPACE = "spBv1.0";

    private static final String SHAPE = NAMESPACE + "/{group}/{messageType}/{edgeNode}[/{device}]";

    /** Sparkplug B message types. */
    public enum MessageType {
        NBIRTH(false, false), NDEATH(false, false), NDATA(false, false),
        DBIRTH(true, false), DDEATH(true, false), DDATA(true, false),
        NCMD(false, true), DCMD(true, true), STATE(false, true);

        private final boolean device;
        private final boolean ignorable;

        MessageType(boolean device, boolean ignorable) {
            this.device = device;
            this.ignorable = ignorable;
        }

        /** Whether the topic of this type carries a device segment. */
        public boolean isDeviceMessage() {
            return device;
        }

        /** Commands and host STATE: nothing for a telemetry host application to ingest. */
        public boolean isIgnorable() {
            return ignorable;
        }

        public boolean isBirth() {
            return this == NBIRTH || this == DBIRTH;
        }

        public boolean isData() {
            return this == NDATA || this == DDATA;
        }

        public boolean isDeath() {
            return this == NDEATH || this == DDEATH;
        }
    }

    public SparkplugTopic {
        Objects.requireNonNull(type, "type");
        if (type == MessageType.STATE) {
            if (group != null || device != null) {
                throw new SparkplugException("a STATE topic has neither group nor device");
            }
            requireId("host application id", edgeNode);
        } else {
            requireId("group id", group);
            requireId("edge node id", edgeNode);
            if (type.isDeviceMessage()) {
                requireId("device id (required by " + type + ")", device);
            } else if (device != null) {
                throw new SparkplugException(type + " is a node message and must not have a device id, got '"
                        + device + "'");
            }
        }
    }

    /** Node-level topic for the given type (NBIRTH, NDATA, NDEATH, NCMD). */
    public static SparkplugTopic node(String group, MessageType type, String edgeNode) {
        return new SparkplugTopic(group, type, edgeNode, null);
    }

    /** Device-level topic for the given type (DBIRTH, DDATA, DDEATH, DCMD). */
    public static SparkplugTopic device(String group, MessageType type, String edgeNode, String device) {
        return new SparkplugTopic(group, type, edgeNode, device);
    }

    /**
     * Parses an MQTT topic name.
     *
     * @throws SparkplugException if the topic is not a Sparkplug B topic of a known message type and valid shape
     */
    public static SparkplugTopic parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new SparkplugException("invalid Sparkplug topic: empty; expected " + SHAPE);
        }
        String[] s = topic.split("/", -1);
        if (s.length == 2 && "STATE".equals(s[0])) {
            return guarded(topic, () -> new SparkplugTopic(null, MessageType.STATE, s[1], null));
        }
        if (!NAMESPACE.equals(s[0])) {
            throw invalid(topic, "namespace must be '" + NAMESPACE + "'");
        }
        if (s.length == 3 && "STATE".equals(s[1])) {
            return guarded(topic, () -> new SparkplugTopic(null, MessageType.STATE, s[2], null));
        }
        if (s.length < 4 || s.length > 5) {
            throw invalid(topic, "expected 4 or 5 segments, got " + s.length);
        }
        MessageType type;
        try {
            type = MessageType.valueOf(s[2]);
        } catch (IllegalArgumentException e) {
            throw invalid(topic, "unknown message type '" + s[2] + "'");
        }
        if (type == MessageType.STATE) {
            throw invalid(topic, "STATE topics have the form " + NAMESPACE + "/STATE/{hostId}");
        }
        if (type.isDeviceMessage() && s.length != 5) {
            throw invalid(topic, type + " requires a device segment");
        }
        if (!type.isDeviceMessage() && s.length != 4) {
            throw invalid(topic, type + " is a node message and must not have a device segment");
        }
        return guarded(topic, () -> new SparkplugTopic(s[1], type, s[3], s.length == 5 ? s[4] : null));
    }

    /** Like {@link #parse(String)} but returns empty instead of throwing. */
    public static Optional<SparkplugTopic> tryParse(String topic) {
        try {
            return Optional.of(parse(topic));
        } catch (SparkplugException e) {
            return Optional.empty();
        }
    }

    /** The key telemetry is filed under: the device id for device messages, else the edge node id. */
    public String deviceKey() {
        return device != null ? device : edgeNode;
    }

    public boolean isIgnorable() {
        return type.isIgnorable();
    }

    /** The MQTT topic name this record stands for. */
    public String topic() {
        if (type == MessageType.STATE) {
            return NAMESPACE + "/STATE/" + edgeNode;
        }
        return NAMESPACE + "/" + group + "/" + type + "/" + edgeNode + (device != null ? "/" + device : "");
    }

    @Override
    public String toString() {
        return topic();
    }

    static void requireId(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new SparkplugException(what + " must not be empty");
        }
        if (id.indexOf('/') >= 0 || id.indexOf('+') >= 0 || id.indexOf('#') >= 0) {
            throw new SparkplugException(what + " must not contain '/', '+' or '#', got '" + id + "'");
        }
    }

    private static SparkplugException invalid(String topic, String why) {
        return new SparkplugException("invalid Sparkplug topic '" + topic + "': " + why + "; expected " + SHAPE);
    }

    private static SparkplugTopic guarded(String topic, Supplier<SparkplugTopic> make) {
        try {
            return make.get();
        } catch (SparkplugException e) {
            throw invalid(topic, e.getMessage());
        }
    }
}
