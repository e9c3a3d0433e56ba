package io.converge.kpi.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The additive elements of one KPI window (seconds, units, kWh). Every KPI is a ratio of sums of these, so the
 * figures of a larger bucket, or of a line, are the sums of its windows' (or its assets') figures, and the KPIs are
 * derived from the sums ({@link Kpis#of}) — never averaged.
 *
 * @param pbtSeconds        planned busy time (0 when no machine state is bound)
 * @param aptSeconds        actual production time (running, inside planned busy time)
 * @param pq                produced quantity (good + scrap)
 * @param gq                good quantity
 * @param idealSeconds      Σ PRI × produced quantity under the production order in force
 * @param unorderedPq       produced quantity outside any production order (no ideal cycle time known)
 * @param downSecondsByReason down time by reason
 * @param breakdownSeconds  six big losses: breakdowns, setup and adjustments, small stops (incl. short idle)
 * @param idleSeconds       longer idle time (not a small stop)
 * @param unknownSeconds    planned time with no known state (gaps, offline)
 * @param energyCost        cost of the metered energy per currency, at the tariffs in force
 * @param unpricedKwh       energy metered when no tariff was in force
 * @param partial           a counter did not cover the whole window (its delta is a lower bound)
 */
public record WindowFigures(double pbtSeconds, double aptSeconds, double pq, double gq, double idealSeconds,
        double unorderedPq, double downSeconds, double setupSeconds, double idleSeconds, double unknownSeconds,
        Map<String, Double> downSecondsByReason, int failures, int repairs, double breakdownSeconds,
        double setupLossSeconds, double smallStopSeconds, double energyKwh, Map<String, Double> energyCost,
        double unpricedKwh, int counterResets, boolean partial) {

    public static final WindowFigures EMPTY = new WindowFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0,
            0, 0, Map.of(), 0, 0, false);

    public WindowFigures {
        downSecondsByReason = Map.copyOf(downSecondsByReason);
        energyCost = Map.copyOf(energyCost);
    }

    /** Element-wise sum. */
    public WindowFigures plus(WindowFigures o) {
        return new WindowFigures(pbtSeconds + o.pbtSeconds, aptSeconds + o.aptSeconds, pq + o.pq, gq + o.gq,
                idealSeconds + o.idealSeconds, unorderedPq + o.unorderedPq, downSeconds + o.downSeconds,
                setupSeconds + o.setupSeconds, idleSeconds + o.idleSeconds, unknownSeconds + o.unknownSeconds,
                merge(downSecondsByReason, o.downSecondsByReason), failures + o.failures, repairs + o.repairs,
                breakdownSeconds + o.breakdownSeconds, setupLossSeconds + o.setupLossSeconds,
                smallStopSeconds + o.smallStopSeconds, energyKwh + o.energyKwh, merge(energyCost, o.energyCost),
                unpricedKwh + o.unpricedKwh, counterResets + o.counterResets, partial || o.partial);
    }

    public static WindowFigures sum(List<WindowFigures> all) {
        WindowFigures acc = EMPTY;
        for (WindowFigures f : all) {
            acc = acc.plus(f);
        }
        return acc;
    }

    private static Map<String, Double> merge(Map<String, Double> a, Map<String, Double> b) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, Double> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Double::sum));
        return out;
    }

    /**
     * The KPIs of a set of figures (ISO 22400-2): A = APT / PBT, E = PRI × PQ / APT, Q = GQ / PQ, OEE = A × E × Q,
     * MTBF = APT / failures, MTTR = down time / repairs, energy per good unit = kWh / GQ. Undefined values carry
     * their reason. E is undefined when part of the production ran outside every production order (no PRI).
     */
    public record Kpis(KpiValue availability, KpiValue effectiveness, KpiValue quality, KpiValue oee,
            KpiValue mtbfSeconds, KpiValue mttrSeconds, KpiValue speedLossSeconds, KpiValue qualityLossSeconds,
            KpiValue energyPerGoodUnit, Map<String, KpiValue> energyCostPerGoodUnit) {

        public static Kpis of(WindowFigures f) {
            KpiValue a = KpiValue.ratio(f.aptSeconds, f.pbtSeconds, "PBT is 0");
            KpiValue e = f.unorderedPq > 1e-9
                    ? KpiValue.undefined("production outside any production order: no ideal cycle time (PRI)")
                    : KpiValue.ratio(f.idealSeconds, f.aptSeconds, "APT is 0");
            KpiValue q = KpiValue.ratio(f.gq, f.pq, "PQ is 0");
            KpiValue speed = e.isDefined() ? KpiValue.of(f.aptSeconds - f.idealSeconds)
                    : KpiValue.undefined(e.reason() == null ? "APT is 0" : e.reason());
            KpiValue qualityLoss = f.pq == 0 ? KpiValue.of(0)
                    : e.isDefined() ? KpiValue.of(f.idealSeconds * (f.pq - f.gq) / f.pq)
                    : KpiValue.undefined(e.reason());
            Map<String, KpiValue> costPerUnit = new TreeMap<>();
            f.energyCost.forEach((cur, c) -> costPerUnit.put(cur, KpiValue.ratio(c, f.gq, "GQ is 0")));
            return new Kpis(a, e, q, KpiValue.product(a, e, q),
                    KpiValue.ratio(f.aptSeconds, f.failures, "no failures in the window"),
                    KpiValue.ratio(f.downSeconds, f.repairs, "no completed repairs in the window"), speed,
                    qualityLoss, EnergyCost.energyPerGoodUnit(f.energyKwh, f.gq), costPerUnit);
        }
    }
}
