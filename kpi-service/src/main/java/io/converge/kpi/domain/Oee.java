package io.converge.kpi.domain;

import java.time.Duration;

/**
 * ISO 22400-2 OEE for one window.
 * <ul>
 *   <li>Availability A = APT / PBT</li>
 *   <li>Effectiveness E = PRI × PQ / APT (may exceed 1 when PRI is optimistic: kept raw, flagged)</li>
 *   <li>Quality rate Q = GQ / PQ</li>
 *   <li>OEE = A × E × Q, undefined when any factor is undefined</li>
 *   <li>speed loss = APT − PRI × PQ (seconds; negative when E &gt; 1), quality loss = (PQ − GQ) × PRI (seconds)</li>
 * </ul>
 */
public final class Oee {

    private Oee() {
    }

    /**
     * @param pbt planned busy time
     * @param apt actual production time
     * @param pq  produced quantity (may be fractional when interpolated at window edges)
     * @param gq  good quantity
     * @param pri planned run time per item (ideal cycle time); must be &gt; 0
     */
    public record Inputs(Duration pbt, Duration apt, double pq, double gq, Duration pri) {
        public Inputs {
            if (pbt == null || apt == null || pri == null) {
                throw new IllegalArgumentException("PBT, APT and PRI are required");
            }
            if (pbt.isNegative() || apt.isNegative()) {
                throw new IllegalArgumentException("PBT and APT must not be negative");
            }
            Validation.requirePositiveCycleTime(pri);
            if (!(pq >= 0) || !(gq >= 0) || !Double.isFinite(pq) || !Double.isFinite(gq)) {
                throw new IllegalArgumentException("PQ and GQ must be finite and >= 0");
            }
            if (gq > pq) {
                throw new IllegalArgumentException("GQ (" + gq + ") exceeds PQ (" + pq + ")");
            }
        }
    }

    /**
     * @param effectivenessAboveOne true when E &gt; 1 (PRI is optimistic or counts are wrong): the raw E is kept
     * @param speedLossSeconds      APT − PRI × PQ
     * @param qualityLossSeconds    (PQ − GQ) × PRI
     */
    public record Result(KpiValue availability, KpiValue effectiveness, KpiValue quality, KpiValue oee,
                         boolean effectivenessAboveOne, double speedLossSeconds, double qualityLossSeconds) {
    }

    public static Result compute(Inputs in) {
        double pbt = Interval.seconds(in.pbt());
        double apt = Interval.seconds(in.apt());
        double pri = Interval.seconds(in.pri());
        KpiValue a = KpiValue.ratio(apt, pbt, "PBT is 0");
        KpiValue e = KpiValue.ratio(pri * in.pq(), apt, "APT is 0");
        KpiValue q = KpiValue.ratio(in.gq(), in.pq(), "PQ is 0");
        KpiValue oee = KpiValue.product(a, e, q);
        boolean above = e.isDefined() && e.value() > 1.0;
        double speedLoss = apt - pri * in.pq();
        double qualityLoss = (in.pq() - in.gq()) * pri;
        return new Result(a, e, q, oee, above, speedLoss, qualityLoss);
    }
}
