package io.converge.kpi.stream;

import io.converge.kpi.store.ConditionRepository;
import io.converge.kpi.store.ConditionRepository.ConditionBinding;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The condition bindings in memory, by asset tag then metric, so that {@link MetricInterest} answers without a query
 * for every consumed record. Loaded at start, updated at once by writes through this replica and reloaded every
 * {@code converge.maintenance.refresh} (writes through another replica show up within that time).
 */
@ApplicationScoped
public class ConditionBindings implements MetricInterest {

    private static final Logger LOG = Logger.getLogger(ConditionBindings.class);
    private final ConditionRepository repository;
    private volatile Map<String, Map<String, ConditionBinding>> byTag = new ConcurrentHashMap<>();

    public ConditionBindings(ConditionRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent e) {
        try {
            reload().await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException ex) {
            LOG.warnf("condition bindings not loaded at start (retried every refresh): %s", ex.getMessage());
        }
    }

    @Scheduled(every = "${converge.maintenance.refresh:PT1M}", delayed = "${converge.maintenance.refresh:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return reload();
    }

    /** Reads every binding from the database and replaces the cache. */
    public Uni<Void> reload() {
        return repository.all(null).invoke(all -> {
            Map<String, Map<String, ConditionBinding>> next = new ConcurrentHashMap<>();
            all.forEach(b -> next.computeIfAbsent(b.assetTag(), t -> new ConcurrentHashMap<>()).put(b.metric(), b));
            byTag = next;
        }).replaceWithVoid();
    }

    @Override
    public Set<String> metrics(AssetInfo asset) {
        Map<String, ConditionBinding> m = asset.tag() == null ? null : byTag.get(asset.tag());
        return m == null ? Set.of() : Set.copyOf(m.keySet());
    }

    /** The bindings of an asset tag, by metric (empty when none). */
    public Map<String, ConditionBinding> of(String assetTag) {
        Map<String, ConditionBinding> m = assetTag == null ? null : byTag.get(assetTag);
        return m == null ? Map.of() : Map.copyOf(m);
    }

    /** A binding created or replaced through this replica. */
    public void put(ConditionBinding b) {
        byTag.computeIfAbsent(b.assetTag(), t -> new ConcurrentHashMap<>()).put(b.metric(), b);
    }

    /** A binding removed through this replica. */
    public void remove(String assetTag, String metric) {
        Map<String, ConditionBinding> m = byTag.get(assetTag);
        if (m != null) {
            m.remove(metric);
        }
    }
}
