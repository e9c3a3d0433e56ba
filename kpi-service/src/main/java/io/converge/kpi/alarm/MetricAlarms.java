package io.converge.kpi.alarm;

import io.converge.kpi.alarm.AlarmRuleCache.Entry;
import io.converge.kpi.domain.AlarmTracker.Transition;
import io.converge.kpi.stream.AssetInfo;
import io.converge.kpi.stream.KpiSample;
import io.converge.kpi.stream.MetricInterest;
import io.converge.kpi.stream.SampleListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the metric alarm rules on consumed samples. The rules of an asset are those of its tag and those of its
 * line (a line metric rule gives each asset of the line its own alarm). Numeric samples of good quality feed the
 * tracker of (rule, asset) in event time; uncertain and bad samples, and states, are ignored. After each batch every
 * tracker of the asset is ticked with the asset's latest sample time, so a pending alarm whose "for" duration elapsed
 * is raised even when its metric has not been sent again.
 */
@ApplicationScoped
public class MetricAlarms implements SampleListener, MetricInterest {

    private final AlarmRuleCache cache;
    private final AlarmTrackers trackers;
    private final AlarmTransitions transitions;

    public MetricAlarms(AlarmRuleCache cache, AlarmTrackers trackers, AlarmTransitions transitions) {
        this.cache = cache;
        this.trackers = trackers;
        this.transitions = transitions;
    }

    @Override
    public Set<String> metrics(AssetInfo asset) {
        Set<String> out = new HashSet<>();
        for (Entry e : cache.forAsset(asset)) {
            if (e.rule().metric() != null) {
                out.add(e.rule().metric());
            }
        }
        return out;
    }

    @Override
    public Uni<Void> onSamples(AssetInfo asset, List<KpiSample> samples) {
        if (samples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return cache.ready().chain(() -> evaluate(asset, samples));
    }

    private Uni<Void> evaluate(AssetInfo asset, List<KpiSample> samples) {
        Instant latest = samples.getFirst().ts();
        for (KpiSample s : samples) {
            latest = s.ts().isAfter(latest) ? s.ts() : latest;
        }
        Instant now = latest;
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Entry rule : cache.forAsset(asset)) {
            String metric = rule.rule().metric();
            if (metric == null) {
                continue;
            }
            List<KpiSample> mine = samples.stream().filter(s -> metric.equals(s.metric()) && s.good()
                    && s.value() != null && Double.isFinite(s.value())).toList();
            chain = chain.chain(() -> trackers.feed(rule, asset.id(), tracker -> {
                List<Transition> out = new ArrayList<>();
                mine.forEach(s -> out.addAll(tracker.onValue(s.ts(), s.value())));
                out.addAll(tracker.tick(now));
                return out;
            }, ts -> transitions.write(rule, asset.id(), asset.tag(), asset.lineId(), ts)));
        }
        return chain;
    }
}
