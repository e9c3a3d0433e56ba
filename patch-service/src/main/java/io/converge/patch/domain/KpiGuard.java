package io.converge.patch.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The KPI guard: after an update, watch the OEE and the alarms of the updated assets' lines for an observation
 * period and pause the campaign when production suffers.
 * <ul>
 *   <li>OEE: per guarded line, the mean of the defined OEE values observed in [from, to) is compared with the
 *       line's baseline (its OEE before the update). PAUSE when baseline − mean is more than the margin (absolute:
 *       0.05 = 5 points of OEE; exactly the margin is still OK, to 1e-9). The mean rather than the worst window,
 *       so one short stop does not pause a campaign; a lasting drop does.</li>
 *   <li>Undefined OEE (null, NaN, infinite — e.g. no planned busy time) is ignored, in the baseline and in the
 *       observation; a line without a defined baseline or without a defined observed value is not judged on OEE.</li>
 *   <li>Alarms: any alarm raised in [from, to) on a guarded line pauses.</li>
 *   <li>Samples and alarms of other lines or outside the period are ignored. The reason names every cause, lines
 *       in id order.</li>
 * </ul>
 *
 * @param margin the OEE drop (absolute, in [0, 1]) tolerated before pausing
 */
public record KpiGuard(double margin) {

    private static final double EPSILON = 1e-9;

    public enum Verdict { OK, PAUSE }

    public record Decision(Verdict verdict, String reason) {
    }

    /** One OEE figure of a line (a KPI window result), null when undefined. */
    public record OeeSample(UUID lineId, Instant at, Double oee) {
    }

    /** An alarm raised on a line (a metric alarm of an asset on it, or a line KPI alarm). */
    public record Alarm(UUID lineId, Instant raisedAt, String description) {
    }

    /** What the guard watches: the updated assets' lines, from the update for the observation period. */
    public record Observation(Set<UUID> lines, Instant from, Instant to) {
        public Observation {
            lines = Set.copyOf(lines);
            if (from == null || to == null || !from.isBefore(to)) {
                throw new IllegalArgumentException("the observation period needs from < to");
            }
        }

        boolean covers(UUID line, Instant t) {
            return line != null && lines.contains(line) && t != null && !t.isBefore(from) && t.isBefore(to);
        }
    }

    public KpiGuard {
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("the OEE margin must be in [0, 1], got " + margin);
        }
    }

    /**
     * @param baseline OEE per line before the update (undefined values null or NaN)
     */
    public Decision evaluate(Observation o, Map<UUID, Double> baseline, List<OeeSample> observed,
                             List<Alarm> alarms) {
        List<String> causes = new ArrayList<>();
        Map<UUID, double[]> sums = new TreeMap<>();          // line → {sum, count}
        for (OeeSample s : observed) {
            if (o.covers(s.lineId(), s.at()) && defined(s.oee())) {
                double[] acc = sums.computeIfAbsent(s.lineId(), k -> new double[2]);
                acc[0] += s.oee();
                acc[1]++;
            }
        }
        for (Map.Entry<UUID, double[]> e : sums.entrySet()) {
            Double base = baseline.get(e.getKey());
            if (!defined(base)) {
                continue;
            }
            double mean = e.getValue()[0] / e.getValue()[1];
            if (base - mean > margin + EPSILON) {
                causes.add(String.format(Locale.ROOT, "OEE of line %s dropped from %.3f to %.3f (more than %.3f)",
                        e.getKey(), base, mean, margin));
            }
        }
        Map<UUID, List<String>> alarmsByLine = new TreeMap<>();
        for (Alarm a : alarms) {
            if (o.covers(a.lineId(), a.raisedAt())) {
                alarmsByLine.computeIfAbsent(a.lineId(), k -> new ArrayList<>()).add(a.description());
            }
        }
        alarmsByLine.forEach((line, ds) -> causes.add(
                ds.size() + " new alarm" + (ds.size() == 1 ? "" : "s") + " on line " + line + ": "
                        + String.join(", ", ds)));
        if (causes.isEmpty()) {
            return new Decision(Verdict.OK, "no OEE drop beyond the margin and no new alarm on the updated lines");
        }
        return new Decision(Verdict.PAUSE, "KPI guard: " + String.join("; ", causes));
    }

    private static boolean defined(Double v) {
        return v != null && Double.isFinite(v);
    }
}
