package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cumulative counter → increments and window deltas.
 *
 * <p>Documented choices:
 * <ul>
 *   <li>Samples are sorted by time, so late (out-of-order) samples simply take their place; for equal times the
 *       later one in the input wins.</li>
 *   <li>A drop in value is a counter reset. {@link ResetPolicy#POST_RESET_VALUE} (default) takes the post-reset
 *       value as the increment since the reset (the counter restarted at 0); {@link ResetPolicy#IGNORE} counts
 *       nothing for that interval.</li>
 *   <li>The increment between two consecutive samples is spread uniformly over the time between them, i.e. the
 *       (reset-corrected) counter is linearly interpolated. A window delta takes the time-proportional share of
 *       every increment that overlaps the window; this equals linear interpolation at the window edges.</li>
 *   <li>An interval longer than {@code maxGap} is still counted (the meter did count it) but reported in
 *       {@code gaps}. Window time before the first or after the last sample cannot be known: it is reported as
 *       {@code uncovered} and the delta is then a lower bound ({@code partial = true}).</li>
 * </ul>
 */
public final class Counters {

    public enum ResetPolicy { POST_RESET_VALUE, IGNORE }

    /** An amount counted over a time span (spread uniformly over it); {@code reset} marks a counter reset. */
    public record Increment(Interval span, double amount, boolean reset) {
    }

    public record Delta(double delta, int resets, List<Interval> gaps, Duration uncovered, boolean partial) {
    }

    private Counters() {
    }

    public static List<CounterSample> sortDedup(List<CounterSample> samples) {
        List<CounterSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(CounterSample::time));
        List<CounterSample> out = new ArrayList<>();
        for (CounterSample s : sorted) {
            if (!out.isEmpty() && out.getLast().time().equals(s.time())) {
                out.removeLast();
            }
            out.add(s);
        }
        return out;
    }

    /** Increments between consecutive samples (sorted, de-duplicated first). */
    public static List<Increment> increments(List<CounterSample> samples, ResetPolicy policy) {
        List<CounterSample> s = sortDedup(samples);
        List<Increment> out = new ArrayList<>();
        for (int i = 1; i < s.size(); i++) {
            double prev = s.get(i - 1).value();
            double cur = s.get(i).value();
            boolean reset = cur < prev;
            double amount = !reset ? cur - prev : policy == ResetPolicy.POST_RESET_VALUE ? Math.max(cur, 0) : 0;
            out.add(new Increment(new Interval(s.get(i - 1).time(), s.get(i).time()), amount, reset));
        }
        return out;
    }

    /** Time-proportional share of the increment that falls inside {@code window}. */
    public static double share(Increment inc, Interval window) {
        Interval x = inc.span().intersect(window);
        if (x == null) {
            return 0;
        }
        if (inc.span().isEmpty()) {
            return 0;
        }
        return inc.amount() * (x.seconds() / inc.span().seconds());
    }

    public static Delta delta(List<CounterSample> samples, Instant from, Instant to, ResetPolicy policy,
                              Duration maxGap) {
        Validation.requireWindow(from, to);
        Interval window = new Interval(from, to);
        List<Increment> incs = increments(samples, policy);
        double total = 0;
        int resets = 0;
        List<Interval> gaps = new ArrayList<>();
        List<Interval> covered = new ArrayList<>();
        for (Increment inc : incs) {
            Interval x = inc.span().intersect(window);
            if (x == null) {
                continue;
            }
            total += share(inc, window);
            covered.add(x);
            if (inc.reset() && window.contains(inc.span().end())) {
                resets++;
            }
            if (maxGap != null && inc.span().duration().compareTo(maxGap) > 0) {
                gaps.add(inc.span());
            }
        }
        Duration uncovered = window.duration().minus(Interval.total(covered));
        return new Delta(total, resets, gaps, uncovered, !uncovered.isZero());
    }
}
