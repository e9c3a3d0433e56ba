package io.converge.kpi.stream;

import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.CrossingPredictor;
import io.converge.kpi.domain.CrossingPredictor.Direction;
import io.converge.kpi.domain.CrossingPredictor.Observation;
import io.converge.kpi.domain.CrossingPredictor.Prediction;
import io.converge.kpi.store.ConditionRepository;
import io.converge.kpi.store.ConditionRepository.ConditionBinding;
import io.converge.kpi.store.ConditionRepository.ConditionState;
import io.converge.kpi.store.ConditionRepository.Point;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predictive maintenance on the consumed samples: one {@link CrossingPredictor} per asset and bound condition metric
 * is fed the numeric, good-quality samples in event time (a sample not newer than the last one fed is ignored), then
 * asked for the crossing as of the latest sample; {@link MaintenanceRecorder} stores the result and acts on the
 * recommendation.
 *
 * <p>Documented choices: predictors live in memory. The first time an asset's metric is seen (after a restart, on
 * another replica after a partition moved, or after its binding changed) the predictor is rebuilt from the last
 * {@code window} good samples stored in {@code kpi_sample} before the new ones, so a restart neither forgets the
 * trend nor double-counts a sample; anomalies found while replaying set the anomaly flag but are not counted again.
 * The anomaly flag of a condition means "a z-score anomaly among the last {@code window} samples".
 */
@ApplicationScoped
public class ConditionMonitor implements SampleListener {

    private record Key(UUID assetId, String metric) {
    }

    /** The predictor of one asset's metric and what it was fed. */
    private static final class Tracker {
        final ConditionBinding binding;
        final CrossingPredictor predictor;
        Instant last;
        long fed;
        long sinceAnomaly = Long.MAX_VALUE / 2;
        Observation latest;

        Tracker(ConditionBinding binding, CrossingPredictor predictor) {
            this.binding = binding;
            this.predictor = predictor;
        }

        /** Feeds one sample when newer than the last; null when ignored. */
        Observation feed(Instant ts, double value) {
            if (last != null && !ts.isAfter(last)) {
                return null;
            }
            Observation o = predictor.add(ts, value);
            last = ts;
            fed++;
            sinceAnomaly = o.anomaly() ? 0 : sinceAnomaly + 1;
            latest = o;
            return o;
        }
    }

    private final Map<Key, Tracker> trackers = new ConcurrentHashMap<>();
    private final ConditionBindings bindings;
    private final ConditionRepository conditions;
    private final MaintenanceRecorder recorder;
    private final double zThreshold;

    public ConditionMonitor(ConditionBindings bindings, ConditionRepository conditions, MaintenanceRecorder recorder,
            KpiConfig config) {
        this.bindings = bindings;
        this.conditions = conditions;
        this.recorder = recorder;
        this.zThreshold = config.maintenance().zThreshold();
    }

    @Override
    public Uni<Void> onSamples(AssetInfo asset, List<KpiSample> samples) {
        Map<String, ConditionBinding> bound = bindings.of(asset.tag());
        if (bound.isEmpty() || samples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<KpiSample>> byMetric = new LinkedHashMap<>();
        for (KpiSample s : samples) {
            if (s.good() && s.value() != null && Double.isFinite(s.value()) && bound.containsKey(s.metric())
                    && s.ts() != null) {
                byMetric.computeIfAbsent(s.metric(), m -> new java.util.ArrayList<>()).add(s);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<KpiSample>> e : byMetric.entrySet()) {
            ConditionBinding b = bound.get(e.getKey());
            List<KpiSample> list = e.getValue();
            list.sort(java.util.Comparator.comparing(KpiSample::ts));
            chain = chain.flatMap(x -> process(asset, b, list));
        }
        return chain;
    }

    /** Drops the predictors of an asset tag's metric (its binding changed or was removed). */
    public void forget(String assetTag, String metric) {
        trackers.entrySet().removeIf(e -> e.getKey().metric().equals(metric)
                && e.getValue().binding.assetTag().equals(assetTag));
    }

    private Uni<Void> process(AssetInfo asset, ConditionBinding binding, List<KpiSample> samples) {
        return tracker(asset, binding, samples.get(0).ts()).flatMap(t -> {
            ConditionState state;
            int anomalies = 0;
            Instant lastAnomaly = null;
            synchronized (t) {
                int fed = 0;
                for (KpiSample s : samples) {
                    Observation o = t.feed(s.ts(), s.value());
                    if (o != null) {
                        fed++;
                        if (o.anomaly()) {
                            anomalies++;
                            lastAnomaly = s.ts();
                        }
                    }
                }
                if (fed == 0) {
                    return Uni.createFrom().voidItem();
                }
                state = state(asset, t, t.predictor.predict(t.last), lastAnomaly);
            }
            return recorder.record(asset, binding, state, anomalies).replaceWithVoid();
        });
    }

    private Uni<Tracker> tracker(AssetInfo asset, ConditionBinding binding, Instant first) {
        Key key = new Key(asset.id(), binding.metric());
        Tracker known = trackers.get(key);
        if (known != null && known.binding.version() == binding.version()
                && known.binding.assetTag().equals(binding.assetTag())) {
            return Uni.createFrom().item(known);
        }
        return conditions.recentSamples(asset.id(), binding.metric(), first, binding.windowSize()).map(points -> {
            Tracker t = new Tracker(binding, new CrossingPredictor(config(binding)));
            for (Point p : points) {
                t.feed(p.ts(), p.value());
            }
            trackers.put(key, t);
            return t;
        });
    }

    private CrossingPredictor.Config config(ConditionBinding b) {
        return new CrossingPredictor.Config(b.alpha(), b.windowSize(), b.threshold(),
                Direction.valueOf(b.direction().toUpperCase(Locale.ROOT)), zThreshold);
    }

    private static ConditionState state(AssetInfo asset, Tracker t, Prediction p, Instant lastAnomaly) {
        Observation o = t.latest;
        ConditionBinding b = t.binding;
        Double hours = p.timeToCrossingHours().value();
        return new ConditionState(asset.id(), asset.tag(), b.metric(), t.last, (int) Math.min(t.fed, b.windowSize()),
                o.value(), o.smoothed(), p.fit() == null ? null : p.fit().slope(), hours,
                hours == null ? null : p.predictedCrossing(), p.timeToCrossingHours().reason(), p.confidence(),
                o.z().value(), t.sinceAnomaly < b.windowSize(), 0, lastAnomaly);
    }
}
