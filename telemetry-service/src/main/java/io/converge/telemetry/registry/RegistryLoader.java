package io.converge.telemetry.registry;

import io.converge.telemetry.config.TelemetryConfig;
import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.AssetView;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Loads the whole registry into the local {@link AssetView}: at start, whenever the asset-events consumer gets its
 * partitions (so nothing published between the load and the consumer's start position is missed), and every
 * {@code converge.registry.resync-interval}; every 15 s while the view has never loaded.
 */
@ApplicationScoped
public class RegistryLoader {

    private static final Logger LOG = Logger.getLogger(RegistryLoader.class);
    private final AssetRegistry registry;
    private final AssetView view;
    private final TelemetryConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastLoad = Instant.EPOCH;

    public RegistryLoader(AssetRegistry registry, AssetView view, TelemetryConfig config) {
        this.registry = registry;
        this.view = view;
        this.config = config;
    }

    void onStart(@Observes StartupEvent e) {
        trigger();
    }

    @Scheduled(every = "15s", delayed = "15s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!view.loaded() || lastLoad.plus(config.registry().resyncInterval()).isBefore(Instant.now())) {
            trigger();
        }
    }

    /** Starts a reload unless one is running. */
    public void trigger() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        load(null, 0).eventually(() -> running.set(false)).subscribe().with(n -> {
            lastLoad = Instant.now();
            view.markLoaded();
            LOG.infof("asset registry view loaded: %d assets", n);
        }, err -> LOG.warnf("asset registry view not loaded (will retry): %s", err.toString()));
    }

    private Uni<Integer> load(String cursor, int count) {
        return registry.page(config.registry().pageSize(), cursor).flatMap(page -> {
            for (RegistryClient.AssetItem a : page.items()) {
                view.apply(new AssetRef(a.id(), a.tag(), a.siteId(), a.status(),
                        a.labels() == null ? Map.of() : a.labels(), a.version(), false));
            }
            int total = count + page.items().size();
            return page.nextCursor() == null || page.items().isEmpty() ? Uni.createFrom().item(total)
                    : load(page.nextCursor(), total);
        });
    }
}
