package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open time interval [start, end). Empty when start == end. */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (start == null || end == null) {
            throw new IllegalArgumentException("interval bounds are required");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval end " + end + " is before start " + start);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public double seconds() {
        return duration().toNanos() / 1e9;
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Overlap with {@code other}, or null when they do not overlap (or only touch). */
    public Interval intersect(Interval other) {
        Instant s = start.isAfter(other.start) ? start : other.start;
        Instant e = end.isBefore(other.end) ? end : other.end;
        return s.isBefore(e) ? new Interval(s, e) : null;
    }

    public boolean overlaps(Interval other) {
        return intersect(other) != null;
    }

    /** Sorted, non-overlapping, non-touching union of the given intervals (empty ones dropped). */
    public static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals.stream().filter(i -> !i.isEmpty()).toList());
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty() && !i.start.isAfter(out.getLast().end)) {
                Interval last = out.removeLast();
                out.add(new Interval(last.start, i.end.isAfter(last.end) ? i.end : last.end));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** {@code from} minus every interval of {@code holes}; the result is a sorted union. */
    public static List<Interval> subtract(List<Interval> from, List<Interval> holes) {
        List<Interval> result = union(from);
        for (Interval h : union(holes)) {
            List<Interval> next = new ArrayList<>();
            for (Interval i : result) {
                if (!i.overlaps(h)) {
                    next.add(i);
                    continue;
                }
                if (i.start.isBefore(h.start)) {
                    next.add(new Interval(i.start, h.start));
                }
                if (h.end.isBefore(i.end)) {
                    next.add(new Interval(h.end, i.end));
                }
            }
            result = next;
        }
        return result;
    }

    /** Intersection of two interval sets (a linear sweep over both unions); the result is a sorted union. */
    public static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> x = union(a);
        List<Interval> y = union(b);
        List<Interval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            Interval k = x.get(i).intersect(y.get(j));
            if (k != null) {
                out.add(k);
            }
            if (x.get(i).end.isBefore(y.get(j).end)) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** Total length of the union of the intervals (overlaps counted once). */
    public static Duration total(List<Interval> intervals) {
        Duration d = Duration.ZERO;
        for (Interval i : union(intervals)) {
            d = d.plus(i.duration());
        }
        return d;
    }

    /** Length of the part of {@code i} covered by the (sorted, disjoint) set. */
    public static Duration overlap(Interval i, List<Interval> set) {
        Duration d = Duration.ZERO;
        for (Interval s : set) {
            Interval x = i.intersect(s);
            if (x != null) {
                d = d.plus(x.duration());
            }
        }
        return d;
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
