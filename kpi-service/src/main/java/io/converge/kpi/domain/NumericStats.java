package io.converge.kpi.domain;

import java.time.Instant;

/**
 * Count / sum / min / max / first / last (by event time) of numeric points; a {@link TumblingWindows.Accumulator}.
 * Mean is undefined for an empty window.
 */
public final class NumericStats implements TumblingWindows.Accumulator<NumericStats.Point, NumericStats.Summary> {

    public record Point(String key, Instant time, double value) {
        public Point {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("point value must be finite, got " + value);
            }
        }
    }

    public record Summary(long count, double sum, Double min, Double max, Double first, Double last,
                          KpiValue mean) {
    }

    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private Point first;
    private Point last;

    @Override
    public void add(Point p) {
        count++;
        sum += p.value();
        min = Math.min(min, p.value());
        max = Math.max(max, p.value());
        if (first == null || p.time().isBefore(first.time())) {
            first = p;
        }
        if (last == null || !p.time().isBefore(last.time())) {
            last = p;
        }
    }

    @Override
    public Summary result() {
        if (count == 0) {
            return new Summary(0, 0, null, null, null, null, KpiValue.undefined("no points"));
        }
        return new Summary(count, sum, min, max, first.value(), last.value(), KpiValue.ratio(sum, count, "no points"));
    }
}
