package io.converge.security.context;

import io.converge.events.AssetEventData;
import io.converge.security.domain.AssetView;
import io.converge.security.store.ContextStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry as security-service sees it: assets by id, tag and IP address, in memory for the rule path, kept
 * from asset events (stored, so a restart starts from what was known).
 */
@ApplicationScoped
public class AssetDirectory {

    private final ContextStore store;
    private final Map<UUID, AssetView> byId = new ConcurrentHashMap<>();
    private final Map<String, AssetView> byTag = new ConcurrentHashMap<>();
    private final Map<String, AssetView> byIp = new ConcurrentHashMap<>();

    public AssetDirectory(ContextStore store) {
        this.store = store;
    }

    public Uni<Void> load() {
        return store.assets().invoke(list -> list.forEach(this::put)).replaceWithVoid();
    }

    /** An asset event to apply: the asset as published, and whether it was deleted. */
    public record Change(AssetEventData asset, boolean deleted) {
    }

    /** Applies an asset event (newer versions only); a deletion removes the asset. */
    public Uni<Void> apply(AssetEventData e, boolean deleted) {
        return apply(List.of(new Change(e, deleted)));
    }

    /** Applies asset events (newer versions only, one statement); a deletion removes the asset. */
    public Uni<Void> apply(List<Change> changes) {
        List<ContextStore.AssetChange> views = changes.stream().map(ch -> {
            AssetEventData e = ch.asset();
            return new ContextStore.AssetChange(new AssetView(e.id(), e.tag(), e.name(), e.domain(), e.type(),
                    e.criticality(), e.status(), e.ipAddress(), e.siteId(), e.lineId(), e.zoneId(),
                    e.firmwareVersion(), e.version()), ch.deleted());
        }).toList();
        return store.upsertAssets(views).invoke(x -> views.forEach(v -> {
            AssetView a = v.asset();
            AssetView known = byId.get(a.id());
            if (known != null && known.version() > a.version()) {
                return;
            }
            if (v.deleted()) {
                remove(known != null ? known : a);
            } else {
                put(a);
            }
        }));
    }

    public Optional<AssetView> byId(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<AssetView> byTag(String tag) {
        return Optional.ofNullable(byTag.get(tag));
    }

    public Optional<AssetView> byIp(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    public int size() {
        return byId.size();
    }

    private void put(AssetView a) {
        AssetView old = byId.put(a.id(), a);
        if (old != null) {
            byTag.remove(old.tag(), old);
            if (old.ipAddress() != null) {
                byIp.remove(old.ipAddress(), old);
            }
        }
        byTag.put(a.tag(), a);
        if (a.ipAddress() != null) {
            byIp.put(a.ipAddress(), a);
        }
    }

    private void remove(AssetView a) {
        AssetView old = byId.remove(a.id());
        if (old != null) {
            byTag.remove(old.tag(), old);
            if (old.ipAddress() != null) {
                byIp.remove(old.ipAddress(), old);
            }
        }
    }
}
