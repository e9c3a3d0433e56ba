package io.converge.kpi.api;

import io.converge.kpi.domain.KpiValue;
import io.converge.kpi.domain.WindowFigures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON answers of the KPI queries: per bucket (and in total) the KPIs with the elements they come from. */
final class KpiViews {

    private KpiViews() {
    }

    /** One query answer; {@code windowWidth} is the stored width the buckets were summed from. */
    record Series<T>(String scope, Instant from, Instant to, String bucket, String windowWidth, T total,
            List<Bucket<T>> buckets) {
    }

    /** A bucket: its span, how many stored windows it sums, and the figures. */
    record Bucket<T>(Instant start, Instant end, int windows, T figures) {
    }

    /** ISO 22400 OEE with its A/E/Q breakdown and elements (seconds, units). */
    record Oee(KpiValue availability, KpiValue effectiveness, KpiValue quality, KpiValue oee,
            double plannedBusySeconds, double actualProductionSeconds, double producedQuantity, double goodQuantity,
            double scrapQuantity, double idealProductionSeconds, double unorderedQuantity, boolean partial) {

        static Oee of(WindowFigures f) {
            WindowFigures.Kpis k = WindowFigures.Kpis.of(f);
            return new Oee(k.availability(), k.effectiveness(), k.quality(), k.oee(), f.pbtSeconds(), f.aptSeconds(),
                    f.pq(), f.gq(), f.pq() - f.gq(), f.idealSeconds(), f.unorderedPq(), f.partial());
        }
    }

    /** Loss breakdown in minutes: downtime by reason and the six big losses where the data allows. */
    record Losses(Map<String, Double> downtimeMinutesByReason, double breakdownMinutes, double setupMinutes,
            double smallStopMinutes, double idleMinutes, double unknownMinutes, KpiValue speedLossMinutes,
            KpiValue qualityLossMinutes, double plannedBusyMinutes, double actualProductionMinutes) {

        static Losses of(WindowFigures f) {
            WindowFigures.Kpis k = WindowFigures.Kpis.of(f);
            Map<String, Double> byReason = new TreeMap<>();
            f.downSecondsByReason().forEach((r, s) -> byReason.put(r, s / 60));
            return new Losses(byReason, f.breakdownSeconds() / 60, f.setupLossSeconds() / 60,
                    f.smallStopSeconds() / 60, f.idleSeconds() / 60, f.unknownSeconds() / 60,
                    k.speedLossSeconds().map(s -> s / 60), k.qualityLossSeconds().map(s -> s / 60),
                    f.pbtSeconds() / 60, f.aptSeconds() / 60);
        }
    }

    /** MTBF and MTTR from the state transitions. */
    record Reliability(KpiValue mtbfSeconds, KpiValue mttrSeconds, int failures, int repairs, double runningSeconds,
            double downSeconds) {

        static Reliability of(WindowFigures f) {
            WindowFigures.Kpis k = WindowFigures.Kpis.of(f);
            return new Reliability(k.mtbfSeconds(), k.mttrSeconds(), f.failures(), f.repairs(), f.aptSeconds(),
                    f.downSeconds());
        }
    }

    /** Energy (meter deltas, resets handled) and its cost at the tariffs in force, per good unit too. */
    record Energy(double energyKwh, KpiValue energyPerGoodUnit, Map<String, Double> cost,
            Map<String, KpiValue> costPerGoodUnit, double unpricedKwh, double goodQuantity, int counterResets,
            boolean partial) {

        static Energy of(WindowFigures f) {
            WindowFigures.Kpis k = WindowFigures.Kpis.of(f);
            return new Energy(f.energyKwh(), k.energyPerGoodUnit(), new TreeMap<>(f.energyCost()),
                    k.energyCostPerGoodUnit(), f.unpricedKwh(), f.gq(), f.counterResets(), f.partial());
        }
    }
}
