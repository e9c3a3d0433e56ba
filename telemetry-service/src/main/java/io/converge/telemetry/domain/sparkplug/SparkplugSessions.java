package io.converge.telemetry.domain.sparkplug;

import io.converge.telemetry.domain.sparkplug.SparkplugResult.OfflineMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host-application session state of Sparkplug B edge nodes and their devices: which are online, their bdSeq and the
 * metrics (name, alias, datatype) their births declared. Thread-safe: each edge node's state is an immutable value
 * replaced atomically in a {@link ConcurrentHashMap}. Callers should still feed one edge node's messages in order.
 */
public final class SparkplugSessions {

    /** An edge node: Sparkplug group id + edge node id. */
    public record NodeId(String group, String edgeNode) {
        public NodeId {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(edgeNode, "edgeNode");
        }

        public static NodeId of(SparkplugTopic topic) {
            return new NodeId(topic.group(), topic.edgeNode());
        }
    }

    /** Outcome of an NDEATH: {@code stale} when its bdSeq belongs to an older session (then nothing went offline). */
    public record Death(boolean stale, List<OfflineMetric> offline) {
        public Death {
            offline = List.copyOf(offline);
        }
    }

    private record DeviceState(boolean online, MetricCatalog catalog) {
    }

    private record NodeState(Long bdSeq, boolean online, MetricCatalog catalog, Map<String, DeviceState> devices) {
        NodeState {
            devices = Map.copyOf(devices);
        }

        NodeState withDevice(String device, DeviceState state) {
            Map<String, DeviceState> copy = new HashMap<>(devices);
            copy.put(device, state);
            return new NodeState(bdSeq, online, catalog, copy);
        }
    }

    private final ConcurrentHashMap<NodeId, NodeState> nodes = new ConcurrentHashMap<>();

    /** NBIRTH: the node is online with these metrics and bdSeq; its devices are forgotten until they re-birth. */
    public void nodeBirth(NodeId node, Long bdSeq, MetricCatalog catalog) {
        nodes.put(node, new NodeState(bdSeq, true, catalog, Map.of()));
    }

    /**
     * DBIRTH: the device is online with these metrics. Returns whether its edge node is online; if not (DBIRTH before
     * NBIRTH, or after NDEATH) the device is still registered but the caller should request a rebirth.
     */
    public boolean deviceBirth(NodeId node, String device, MetricCatalog catalog) {
        boolean[] nodeOnline = new boolean[1];
        nodes.compute(node, (k, cur) -> {
            NodeState s = cur != null ? cur : new NodeState(null, false, MetricCatalog.EMPTY, Map.of());
            nodeOnline[0] = s.online();
            return s.withDevice(device, new DeviceState(true, catalog));
        });
        return nodeOnline[0];
    }

    /** The node's birth catalog, if the node is online. */
    public Optional<MetricCatalog> nodeCatalog(NodeId node) {
        NodeState s = nodes.get(node);
        return s != null && s.online() ? Optional.of(s.catalog()) : Optional.empty();
    }

    /** The device's birth catalog, if the device is online. */
    public Optional<MetricCatalog> deviceCatalog(NodeId node, String device) {
        NodeState s = nodes.get(node);
        DeviceState d = s == null ? null : s.devices().get(device);
        return d != null && d.online() ? Optional.of(d.catalog()) : Optional.empty();
    }

    /**
     * NDEATH: marks the node and all its devices offline and returns their telemetry metrics. A death whose bdSeq
     * differs from the current NBIRTH's is stale (the node has already reconnected) and changes nothing. When either
     * bdSeq is unknown the death is applied.
     */
    public Death nodeDeath(NodeId node, Long bdSeq) {
        Death[] out = {new Death(false, List.of())};
        nodes.computeIfPresent(node, (k, s) -> {
            if (bdSeq != null && s.bdSeq() != null && !bdSeq.equals(s.bdSeq())) {
                out[0] = new Death(true, List.of());
                return s;
            }
            List<OfflineMetric> offline = new ArrayList<>();
            if (s.online()) {
                s.catalog().telemetryNames().forEach(m -> offline.add(new OfflineMetric(node.edgeNode(), m)));
            }
            Map<String, DeviceState> devices = new HashMap<>();
            s.devices().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                if (e.getValue().online()) {
                    e.getValue().catalog().telemetryNames().forEach(m -> offline.add(new OfflineMetric(e.getKey(), m)));
                }
                devices.put(e.getKey(), new DeviceState(false, e.getValue().catalog()));
            });
            out[0] = new Death(false, offline);
            return new NodeState(s.bdSeq(), false, s.catalog(), devices);
        });
        return out[0];
    }

    /** DDEATH: marks one device offline and returns its telemetry metrics (empty if it was not online). */
    public List<OfflineMetric> deviceDeath(NodeId node, String device) {
        List<OfflineMetric> offline = new ArrayList<>();
        nodes.computeIfPresent(node, (k, s) -> {
            DeviceState d = s.devices().get(device);
            if (d == null || !d.online()) {
                return s;
            }
            d.catalog().telemetryNames().forEach(m -> offline.add(new OfflineMetric(device, m)));
            return s.withDevice(device, new DeviceState(false, d.catalog()));
        });
        return List.copyOf(offline);
    }

    public boolean isNodeOnline(NodeId node) {
        NodeState s = nodes.get(node);
        return s != null && s.online();
    }

    public boolean isDeviceOnline(NodeId node, String device) {
        return deviceCatalog(node, device).isPresent();
    }

    /** bdSeq of the node's current (or last) NBIRTH, if it had one. */
    public OptionalLong bdSeq(NodeId node) {
        NodeState s = nodes.get(node);
        return s == null || s.bdSeq() == null ? OptionalLong.empty() : OptionalLong.of(s.bdSeq());
    }

    /** Drops all state (e.g. when the host reconnects to the broker with a clean session). */
    public void clear() {
        nodes.clear();
    }
}
