package io.converge.security.context;

import io.converge.security.domain.ZoneView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * IEC 62443 zones (SL-T) and declared conduits, fetched from asset-service and refreshed on a schedule; a failed
 * refresh keeps what was known (and is retried next time).
 */
@ApplicationScoped
public class ZoneDirectory {

    private static final Logger LOG = Logger.getLogger(ZoneDirectory.class);
    private static final int PAGE = 500;
    private final Downstream registry;
    private volatile Map<UUID, ZoneView> zones = Map.of();
    private volatile Set<String> conduits = Set.of();
    private volatile boolean loaded;

    public ZoneDirectory(Downstream registry) {
        this.registry = registry;
    }

    public Optional<ZoneView> zone(UUID id) {
        return Optional.ofNullable(zones.get(id));
    }

    public boolean conduit(UUID a, UUID b) {
        return conduits.contains(a + "|" + b) || conduits.contains(b + "|" + a);
    }

    public boolean loaded() {
        return loaded;
    }

    /** Fetches every zone and conduit; on failure keeps the previous view. */
    public Uni<Void> refresh() {
        return fetch().invoke(v -> {
            zones = v.zones();
            conduits = v.conduits();
            loaded = true;
        }).onFailure().invoke(e -> LOG.warnf("zones and conduits not refreshed from asset-service: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    record View(Map<UUID, ZoneView> zones, Set<String> conduits) {
    }

    private Uni<View> fetch() {
        return all(registry::zones, new ArrayList<>(), null).flatMap(zs -> all(registry::conduits,
                new ArrayList<>(), null).map(cs -> {
                    Map<UUID, ZoneView> z = new HashMap<>();
                    zs.forEach(x -> z.put(x.id(), new ZoneView(x.id(), x.name(), x.slTarget())));
                    Set<String> c = new HashSet<>();
                    cs.forEach(x -> c.add(x.fromZoneId() + "|" + x.toZoneId()));
                    return new View(Map.copyOf(z), Set.copyOf(c));
                }));
    }

    private static <T> Uni<List<T>> all(BiFunction<Integer, String, Uni<AssetRegistryClient.Page<T>>> page,
            List<T> acc, String cursor) {
        return page.apply(PAGE, cursor).flatMap(p -> {
            if (p.items() != null) {
                acc.addAll(p.items());
            }
            return p.nextCursor() == null || p.items() == null || p.items().isEmpty()
                    ? Uni.createFrom().item(acc) : all(page, acc, p.nextCursor());
        });
    }
}
