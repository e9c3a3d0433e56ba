package io.converge.kpi.alarm;

import io.converge.kpi.alarm.AlarmRuleCache.Entry;
import io.converge.kpi.domain.AlarmKpi;
import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.KpiValue;
import io.converge.kpi.domain.WindowFigures;
import io.converge.kpi.store.LineWindowRepository;
import io.converge.kpi.stream.AssetInfo;
import io.converge.kpi.stream.WindowListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Evaluates the KPI alarm rules on stored KPI windows of the rule's width; the value's event time is the window end.
 * An asset rule reads the KPI of the asset's window. A line rule reads the KPI of the sums of the figures of the
 * line's assets for that window (from kpi_window), evaluated again as each asset's window arrives, so the last
 * evaluation of a window sees the whole line. A KPI that is undefined for the window (for example availability with
 * no planned busy time) makes no transition. A correction (revision &gt; 0) of the latest window is evaluated again;
 * corrections of older windows are ignored (trackers only move forward in event time).
 *
 * <p>With several replicas, the windows of one line may be computed by different replicas: each evaluates the line
 * sum it sees; the partial unique index on open alarms keeps the line at one open alarm per rule.
 */
@ApplicationScoped
public class KpiAlarms implements WindowListener {

    private final AlarmRuleCache cache;
    private final AlarmTrackers trackers;
    private final AlarmTransitions transitions;
    private final LineWindowRepository lineWindows;

    public KpiAlarms(AlarmRuleCache cache, AlarmTrackers trackers, AlarmTransitions transitions,
            LineWindowRepository lineWindows) {
        this.cache = cache;
        this.trackers = trackers;
        this.transitions = transitions;
        this.lineWindows = lineWindows;
    }

    @Override
    public Uni<Void> onWindow(AssetInfo asset, Duration width, Interval window, int revision, WindowFigures figures) {
        return cache.ready().chain(() -> evaluate(asset, width, window, figures));
    }

    private Uni<Void> evaluate(AssetInfo asset, Duration width, Interval window, WindowFigures figures) {
        List<Entry> rules = cache.forAsset(asset).stream().filter(e -> e.rule().kpi() != null
                && e.rule().widthSeconds() == width.toSeconds()).toList();
        if (rules.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        boolean lineRules = rules.stream().anyMatch(e -> e.rule().scope().startsWith("line:"));
        Uni<Optional<WindowFigures>> line = lineRules
                ? lineWindows.sum(asset.lineId(), (int) width.toSeconds(), window.start())
                : Uni.createFrom().item(Optional.empty());
        return line.chain(lineFigures -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Entry rule : rules) {
                boolean onLine = rule.rule().scope().startsWith("line:");
                Optional<WindowFigures> f = onLine ? lineFigures : Optional.of(figures);
                if (f.isEmpty()) {
                    continue;
                }
                KpiValue v = AlarmKpi.parse(rule.rule().kpi()).orElseThrow().of(f.get());
                if (!v.isDefined()) {
                    continue;
                }
                UUID assetId = onLine ? null : asset.id();
                String tag = onLine ? null : asset.tag();
                chain = chain.chain(() -> trackers.feed(rule, assetId,
                        tracker -> tracker.onValue(window.end(), v.value()),
                        ts -> transitions.write(rule, assetId, tag, asset.lineId(), ts)));
            }
            return chain;
        });
    }
}
