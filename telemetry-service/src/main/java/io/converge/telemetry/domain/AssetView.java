package io.converge.telemetry.domain;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local view of the asset registry that validates every point without a call to asset-service. Fed by the asset
 * events and by full reloads; each update carries the asset's version, and an older version never replaces a newer
 * one, so events and reloads may arrive in any order. Deletions are kept as tombstones (with their version) so that a
 * late event cannot resurrect a deleted asset. Thread-safe.
 */
public final class AssetView {

    private final String sparkplugLabel;
    private final Map<UUID, AssetRef> byId = new ConcurrentHashMap<>();
    private final Map<String, AssetRef> byTag = new ConcurrentHashMap<>();
    private final Map<String, AssetRef> bySparkplug = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public AssetView(String sparkplugLabel) {
        this.sparkplugLabel = sparkplugLabel;
    }

    /** Applies one update; returns whether it changed the view (false for an older or equal version). */
    public synchronized boolean apply(AssetRef next) {
        AssetRef current = byId.get(next.id());
        if (current != null && current.version() >= next.version() && !(current.version() == next.version()
                && next.deleted() && !current.deleted())) {
            return false;
        }
        if (current != null) {
            byTag.remove(current.tag(), current);
            String key = current.labels() == null ? null : current.labels().get(sparkplugLabel);
            if (key != null) {
                bySparkplug.remove(key, current);
            }
        }
        byId.put(next.id(), next);
        if (!next.deleted()) {
            byTag.put(next.tag(), next);
            String key = next.labels() == null ? null : next.labels().get(sparkplugLabel);
            if (key != null) {
                bySparkplug.put(key, next);
            }
        }
        return true;
    }

    public Optional<AssetRef> byTag(String tag) {
        return tag == null ? Optional.empty() : Optional.ofNullable(byTag.get(tag));
    }

    public Optional<AssetRef> byId(UUID id) {
        AssetRef a = byId.get(id);
        return a == null || a.deleted() ? Optional.empty() : Optional.of(a);
    }

    /**
     * The asset of a Sparkplug B device (or edge node when {@code device} is null): the asset labelled
     * {@code <sparkplugLabel>=group/edgeNode[/device]}, else the asset whose tag is the device (or edge node) id.
     */
    public Optional<AssetRef> bySparkplug(String group, String edgeNode, String device) {
        String key = device == null ? group + "/" + edgeNode : group + "/" + edgeNode + "/" + device;
        AssetRef labelled = bySparkplug.get(key);
        return labelled != null ? Optional.of(labelled) : byTag(device == null ? edgeNode : device);
    }

    /** Resolves a tag or an asset id written as a UUID. */
    public Optional<AssetRef> resolve(String tagOrId) {
        Optional<AssetRef> byTagFirst = byTag(tagOrId);
        if (byTagFirst.isPresent() || tagOrId == null || tagOrId.length() != 36) {
            return byTagFirst;
        }
        try {
            return byId(UUID.fromString(tagOrId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public int size() {
        return byTag.size();
    }

    public boolean loaded() {
        return loaded;
    }

    public void markLoaded() {
        loaded = true;
    }
}
