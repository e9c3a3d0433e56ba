package io.converge.kpi.stream;

import io.converge.kpi.store.BindingRepository;
import io.converge.kpi.store.BindingRepository.Binding;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The KPI bindings in memory, and the metrics they make the consumer keep. An asset's effective binding is its own
 * ({@code asset:{tag}}), else its line's ({@code line:{uuid}}: the metric names every asset of the line reports).
 * Reloaded after every binding write on this replica and every few seconds (writes on other replicas).
 */
@ApplicationScoped
public class BindingCache implements MetricInterest {

    private final BindingRepository repository;
    private volatile Map<String, Binding> byScope;

    public BindingCache(BindingRepository repository) {
        this.repository = repository;
    }

    /** Loads when nothing is cached yet. */
    public Uni<Void> ready() {
        return byScope != null ? Uni.createFrom().voidItem() : reload();
    }

    public Uni<Void> reload() {
        return repository.all().invoke(list -> {
            Map<String, Binding> m = new HashMap<>();
            list.forEach(b -> m.put(b.scope(), b));
            byScope = m;
        }).replaceWithVoid();
    }

    public void invalidate() {
        reload().subscribe().with(x -> { }, e -> byScope = null);
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return reload().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The binding in force for an asset, if any (call {@link #ready()} first). */
    public Optional<Binding> of(AssetInfo asset) {
        Map<String, Binding> m = byScope;
        if (m == null) {
            return Optional.empty();
        }
        Binding own = m.get("asset:" + asset.tag());
        if (own != null) {
            return Optional.of(own);
        }
        return asset.lineId() == null ? Optional.empty() : Optional.ofNullable(m.get("line:" + asset.lineId()));
    }

    @Override
    public Set<String> metrics(AssetInfo asset) {
        return of(asset).map(BindingCache::metricsOf).orElse(Set.of());
    }

    public static Set<String> metricsOf(Binding b) {
        Set<String> out = new LinkedHashSet<>();
        for (String m : new String[] {b.stateMetric(), b.downReasonMetric(), b.goodCountMetric(),
                b.scrapCountMetric(), b.energyMetric()}) {
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }
}
