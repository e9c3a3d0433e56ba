package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Machine state samples → state time, APT, downtime by reason, failures, MTBF and MTTR for a window.
 *
 * <p>Rules (documented choices):
 * <ul>
 *   <li>A sample's state holds until the next sample, but for at most {@code maxGap}; beyond that the time is
 *       UNKNOWN (excluded from APT and every other state, reported separately). So a 15 min silence after a
 *       {@code running} sample with maxGap 10 min gives 10 min running + 5 min unknown.</li>
 *   <li>The last sample before {@code from} carries into the window (subject to the same max gap). Without one,
 *       the time from {@code from} to the first sample is UNKNOWN.</li>
 *   <li>Every time figure is the part inside [from, to) ∩ planned busy periods.</li>
 *   <li>A failure is an observed transition into DOWN: a DOWN sample whose previous sample (any distance back)
 *       was not DOWN, at a time inside [from, to). A repair is the transition out of DOWN into a known state
 *       (a DOWN interval that ended), at a time inside [from, to). Transitions are counted whether or not they
 *       fall in a planned period.</li>
 *   <li>MTBF = running time / failures; MTTR = down time / repairs (seconds; undefined without failures/repairs).</li>
 *   <li>Samples may arrive out of order; they are sorted. Two samples with the same time: the later one in the
 *       input wins.</li>
 * </ul>
 */
public final class StateTimeline {

    /** Default maximum silence before the state becomes unknown. */
    public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(10);

    private StateTimeline() {
    }

    /** A maximal run of one state (and reason); {@code span} is unclipped, {@code counted} is in window ∩ planned. */
    public record StateRun(MachineState state, String reason, Interval span, Duration counted) {
    }

    public record Summary(Interval window, Duration planned, Map<MachineState, Duration> timeByState,
                          Map<String, Duration> downByReason, int failures, int repairs,
                          KpiValue mtbfSeconds, KpiValue mttrSeconds, List<StateRun> runs) {

        /** Actual production time: running time inside window ∩ planned. */
        public Duration apt() {
            return timeByState.get(MachineState.RUNNING);
        }

        public Duration down() {
            return timeByState.get(MachineState.DOWN);
        }

        public Duration unknown() {
            return timeByState.get(MachineState.UNKNOWN);
        }
    }

    public static final String UNSPECIFIED_REASON = "unspecified";

    /**
     * @param plannedBusy planned busy periods (shift calendar minus planned downtime); null = the whole window
     */
    public static Summary summarize(List<StateSample> samples, Instant from, Instant to,
                                    List<Interval> plannedBusy, Duration maxGap) {
        Validation.requireWindow(from, to);
        if (maxGap == null || maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("maxGap must be > 0");
        }
        Interval window = new Interval(from, to);
        List<Interval> planned = plannedBusy == null ? List.of(window)
                : Interval.intersect(plannedBusy, List.of(window));
        List<StateSample> sorted = sortDedup(samples);
        List<StateRun> runs = runs(sorted, from, to, maxGap, planned);

        Map<MachineState, Duration> byState = new EnumMap<>(MachineState.class);
        for (MachineState s : MachineState.values()) {
            byState.put(s, Duration.ZERO);
        }
        Map<String, Duration> byReason = new TreeMap<>();
        for (StateRun r : runs) {
            byState.merge(r.state(), r.counted(), Duration::plus);
            if (r.state() == MachineState.DOWN && !r.counted().isZero()) {
                byReason.merge(reasonOf(r.reason()), r.counted(), Duration::plus);
            }
        }
        int failures = 0;
        int repairs = 0;
        for (int i = 1; i < sorted.size(); i++) {
            StateSample prev = sorted.get(i - 1);
            StateSample cur = sorted.get(i);
            if (!window.contains(cur.time())) {
                continue;
            }
            boolean wasDown = prev.state() == MachineState.DOWN;
            boolean isDown = cur.state() == MachineState.DOWN;
            if (isDown && !wasDown) {
                failures++;
            } else if (wasDown && !isDown) {
                repairs++;
            }
        }
        KpiValue mtbf = KpiValue.ratio(Interval.seconds(byState.get(MachineState.RUNNING)), failures,
                "no failures in the window");
        KpiValue mttr = KpiValue.ratio(Interval.seconds(byState.get(MachineState.DOWN)), repairs,
                "no completed repairs in the window");
        return new Summary(window, Interval.total(planned), byState, byReason, failures, repairs, mtbf, mttr,
                runs);
    }

    static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? UNSPECIFIED_REASON : reason;
    }

    static List<StateSample> sortDedup(List<StateSample> samples) {
        // stable sort keeps input order among equal times; keep the last one of each time
        List<StateSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(StateSample::time));
        List<StateSample> out = new ArrayList<>();
        for (StateSample s : sorted) {
            if (!out.isEmpty() && out.getLast().time().equals(s.time())) {
                out.removeLast();
            }
            out.add(s);
        }
        return out;
    }

    /** Builds maximal runs over [min(from, first sample), max(to, last sample)), then counts window ∩ planned. */
    static List<StateRun> runs(List<StateSample> sorted, Instant from, Instant to, Duration maxGap,
                               List<Interval> planned) {
        List<Seg> segs = new ArrayList<>();
        Instant lo = sorted.isEmpty() || from.isBefore(sorted.getFirst().time()) ? from : sorted.getFirst().time();
        Instant hi = sorted.isEmpty() || to.isAfter(sorted.getLast().time()) ? to : sorted.getLast().time();
        Instant cursor = lo;
        for (int i = 0; i < sorted.size(); i++) {
            StateSample s = sorted.get(i);
            if (cursor.isBefore(s.time())) {
                add(segs, MachineState.UNKNOWN, null, cursor, s.time());
            }
            Instant next = i + 1 < sorted.size() ? sorted.get(i + 1).time() : hi;
            Instant validUntil = s.time().plus(maxGap);
            Instant stateEnd = validUntil.isBefore(next) ? validUntil : next;
            add(segs, s.state(), s.reason(), s.time(), stateEnd);
            if (stateEnd.isBefore(next)) {
                add(segs, MachineState.UNKNOWN, null, stateEnd, next);
            }
            cursor = next;
        }
        if (cursor.isBefore(hi)) {
            add(segs, MachineState.UNKNOWN, null, cursor, hi);
        }
        List<StateRun> runs = new ArrayList<>();
        for (Seg seg : segs) {
            Interval span = new Interval(seg.start, seg.end);
            runs.add(new StateRun(seg.state, seg.reason, span, Interval.overlap(span, planned)));
        }
        return runs;
    }

    /** A mutable segment while building runs. */
    private static final class Seg {
        final MachineState state;
        final String reason;
        final Instant start;
        Instant end;

        Seg(MachineState state, String reason, Instant start, Instant end) {
            this.state = state;
            this.reason = reason;
            this.start = start;
            this.end = end;
        }
    }

    private static void add(List<Seg> segs, MachineState state, String reason, Instant start, Instant end) {
        if (!start.isBefore(end)) {
            return;
        }
        if (!segs.isEmpty()) {
            Seg last = segs.getLast();
            if (last.state == state && java.util.Objects.equals(last.reason, reason) && last.end.equals(start)) {
                last.end = end;
                return;
            }
        }
        segs.add(new Seg(state, reason, start, end));
    }
}
