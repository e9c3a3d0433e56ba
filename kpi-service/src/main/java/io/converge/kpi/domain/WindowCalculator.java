package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes the {@link WindowFigures} of one asset for one window from its samples (sorted by time, any span around
 * the window), the planned busy time, the production orders and the energy tariffs in force.
 *
 * <p>Documented choices, on top of {@link StateTimeline}, {@link Counters} and {@link EnergyCost}:
 * <ul>
 *   <li>Only the samples around the window are used: counters need the last sample before the window and the first
 *       one after it (linear interpolation at the edges); states need the runs touching the window, looked at
 *       {@code smallStopThreshold + maxGap} beyond each edge, so that a run's full length decides whether it is a
 *       small stop.</li>
 *   <li>PQ = good + scrap deltas; GQ = good delta. The ideal production time is Σ (PQ inside each production order
 *       ∩ window) × that order's ideal cycle time; orders of a line that overlap are taken in start order, the
 *       earlier one winning the overlap.</li>
 *   <li>Without a bound state metric PBT and APT are 0 (availability undefined), without counters PQ and GQ are 0.</li>
 * </ul>
 */
public final class WindowCalculator {

    /** How a scope's samples are interpreted. */
    public record Settings(Duration maxGap, Duration smallStopThreshold, Set<String> setupReasons,
            Counters.ResetPolicy resetPolicy) {
        public static final Settings DEFAULT = new Settings(StateTimeline.DEFAULT_MAX_GAP,
                Losses.DEFAULT_SMALL_STOP_THRESHOLD, Set.of("setup", "changeover"),
                Counters.ResetPolicy.POST_RESET_VALUE);
    }

    /** A production order's time span with its ideal cycle time (PRI) in seconds. */
    public record OrderSlot(Interval span, double idealCycleSeconds) {
    }

    /**
     * The samples of one scope, each list sorted by time. A null list means that metric is not bound.
     *
     * @param plannedBusy the planned busy periods covering at least the window; null = always planned (no calendar)
     */
    public record Inputs(List<StateSample> states, List<CounterSample> good, List<CounterSample> scrap,
            List<CounterSample> energy, List<Interval> plannedBusy, List<OrderSlot> orders, List<Tariff> tariffs,
            ZoneId zone) {
    }

    private WindowCalculator() {
    }

    public static WindowFigures compute(Inputs in, Interval window, Settings settings) {
        Instant from = window.start();
        Instant to = window.end();
        double pbt = 0;
        double apt = 0;
        double down = 0;
        double setup = 0;
        double idle = 0;
        double unknown = 0;
        Map<String, Double> byReason = Map.of();
        int failures = 0;
        int repairs = 0;
        double breakdowns = 0;
        double setupLoss = 0;
        double small = 0;
        if (in.states() != null) {
            Duration reach = settings.smallStopThreshold().plus(settings.maxGap());
            List<StateSample> around = slice(in.states(), StateSample::time, from.minus(reach), to.plus(reach));
            StateTimeline.Summary s = StateTimeline.summarize(around, from, to, in.plannedBusy(), settings.maxGap());
            pbt = Interval.seconds(s.planned());
            apt = Interval.seconds(s.apt());
            down = Interval.seconds(s.down());
            setup = Interval.seconds(s.timeByState().get(MachineState.SETUP));
            unknown = Interval.seconds(s.unknown());
            Map<String, Double> reasons = new java.util.TreeMap<>();
            s.downByReason().forEach((r, d) -> reasons.put(r, Interval.seconds(d)));
            byReason = reasons;
            failures = s.failures();
            repairs = s.repairs();
            Losses.StateLosses l = Losses.stateLosses(s, settings.smallStopThreshold(), settings.setupReasons());
            breakdowns = l.breakdownMinutes() * 60;
            setupLoss = l.setupMinutes() * 60;
            small = l.smallStopMinutes() * 60;
            idle = l.idleMinutes() * 60;
        }
        List<OrderSlot> orders = disjoint(in.orders() == null ? List.of() : in.orders());
        CounterPart good = counter(in.good(), window, orders, settings);
        CounterPart scrap = counter(in.scrap(), window, orders, settings);
        int resets = good.delta.resets() + scrap.delta.resets();
        boolean partial = good.delta.partial() || scrap.delta.partial();
        double ideal = good.idealSeconds + scrap.idealSeconds;
        double ordered = good.ordered + scrap.ordered;
        double pq = good.delta.delta() + scrap.delta.delta();
        double unordered = Math.max(0, pq - ordered);
        if (unordered < 1e-9 * Math.max(1, pq)) {
            unordered = 0;
        }
        double kwh = 0;
        Map<String, Double> cost = Map.of();
        double unpriced = 0;
        if (in.energy() != null) {
            List<CounterSample> e = slice(in.energy(), CounterSample::time, from, to);
            Counters.Delta d = Counters.delta(e, from, to, settings.resetPolicy(), settings.maxGap());
            resets += d.resets();
            partial |= d.partial();
            EnergyCost.Result r = EnergyCost.cost(Counters.increments(e, settings.resetPolicy()),
                    in.tariffs() == null ? List.of() : in.tariffs(), in.zone() == null ? ZoneId.of("UTC") : in.zone(),
                    window);
            kwh = r.kwh();
            cost = r.costByCurrency();
            unpriced = r.unpricedKwh();
        }
        return new WindowFigures(pbt, apt, pq, good.delta.delta(), ideal, unordered, down, setup, idle, unknown, byReason,
                failures, repairs, breakdowns, setupLoss, small, kwh, cost, unpriced, resets, partial);
    }

    private record CounterPart(Counters.Delta delta, double ordered, double idealSeconds) {
    }

    private static final Counters.Delta NONE = new Counters.Delta(0, 0, List.of(), Duration.ZERO, false);

    /** A counter's delta in the window, and the part of it (with its ideal time) inside each production order. */
    private static CounterPart counter(List<CounterSample> counter, Interval window, List<OrderSlot> orders,
            Settings settings) {
        if (counter == null) {
            return new CounterPart(NONE, 0, 0);
        }
        List<CounterSample> c = slice(counter, CounterSample::time, window.start(), window.end());
        Counters.Delta d = Counters.delta(c, window.start(), window.end(), settings.resetPolicy(), settings.maxGap());
        double ordered = 0;
        double ideal = 0;
        for (OrderSlot o : orders) {
            Interval x = o.span().intersect(window);
            if (x != null) {
                double q = Counters.delta(c, x.start(), x.end(), settings.resetPolicy(), null).delta();
                ideal += q * o.idealCycleSeconds();
                ordered += q;
            }
        }
        return new CounterPart(d, ordered, ideal);
    }

    /** Orders sorted by start, each clipped so that it does not overlap an earlier one. */
    static List<OrderSlot> disjoint(List<OrderSlot> orders) {
        List<OrderSlot> sorted = new ArrayList<>(orders);
        sorted.sort(Comparator.comparing(o -> o.span().start()));
        List<OrderSlot> out = new ArrayList<>();
        Instant covered = null;
        for (OrderSlot o : sorted) {
            Instant start = covered != null && covered.isAfter(o.span().start()) ? covered : o.span().start();
            if (start.isBefore(o.span().end())) {
                out.add(new OrderSlot(new Interval(start, o.span().end()), o.idealCycleSeconds()));
                covered = o.span().end();
            }
        }
        return out;
    }

    /**
     * The samples in [from, to) of a time-sorted list, plus the last one before {@code from} and the first one at or
     * after {@code to} (binary search, no copy).
     */
    static <T> List<T> slice(List<T> sorted, Function<T, Instant> time, Instant from, Instant to) {
        if (sorted.isEmpty()) {
            return Collections.emptyList();
        }
        int lo = firstAtOrAfter(sorted, time, from) - 1;
        int hi = firstAtOrAfter(sorted, time, to) + 1;
        return sorted.subList(Math.max(0, lo), Math.min(sorted.size(), hi));
    }

    private static <T> int firstAtOrAfter(List<T> sorted, Function<T, Instant> time, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time.apply(sorted.get(mid)).isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
