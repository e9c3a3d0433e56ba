package io.converge.kpi.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Energy cost from meter increments and time-of-use tariffs: cost = Σ increment share × price in force, where an
 * increment spanning a tariff boundary is split proportionally in time (the meter is interpolated linearly, as in
 * {@link Counters}). Energy not covered by any tariff is reported as {@code unpricedKwh}, never silently priced.
 */
public final class EnergyCost {

    private EnergyCost() {
    }

    /** Two tariffs in force at the same local time on the same weekday with overlapping effective dates. */
    public record Conflict(String tariffA, String tariffB, DayOfWeek day, LocalTime from, LocalTime to) {
    }

    /** A piece of time with the tariff in force. */
    public record Piece(Interval span, Tariff tariff) {
    }

    public record Result(double kwh, Map<String, Double> costByCurrency, double unpricedKwh) {
    }

    /** Overlapping tariffs (pairs); an empty list means the set is valid. */
    public static List<Conflict> conflicts(List<Tariff> tariffs) {
        List<Conflict> out = new ArrayList<>();
        for (int i = 0; i < tariffs.size(); i++) {
            for (int j = i + 1; j < tariffs.size(); j++) {
                Tariff a = tariffs.get(i);
                Tariff b = tariffs.get(j);
                if (!datesOverlap(a, b)) {
                    continue;
                }
                for (int[] x : weekSlots(a)) {
                    for (int[] y : weekSlots(b)) {
                        int s = Math.max(x[0], y[0]);
                        int e = Math.min(x[1], y[1]);
                        if (s < e) {
                            DayOfWeek day = DayOfWeek.of(s / 86_400 + 1);
                            LocalTime t0 = LocalTime.ofSecondOfDay(s % 86_400);
                            LocalTime t1 = e % 86_400 == 0 ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(e % 86_400);
                            out.add(new Conflict(a.id(), b.id(), day, t0, t1));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean datesOverlap(Tariff a, Tariff b) {
        boolean aEndsBeforeB = a.effectiveTo() != null && a.effectiveTo().isBefore(b.effectiveFrom());
        boolean bEndsBeforeA = b.effectiveTo() != null && b.effectiveTo().isBefore(a.effectiveFrom());
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    /** Seconds-of-week ranges [s, e) with Monday 00:00 = 0; a slot crossing Sunday midnight is split. */
    private static List<int[]> weekSlots(Tariff t) {
        List<int[]> out = new ArrayList<>();
        int week = 7 * 86_400;
        for (DayOfWeek d : t.days()) {
            int s = (d.getValue() - 1) * 86_400 + t.start().toSecondOfDay();
            int e = s + t.lengthSeconds();
            if (e <= week) {
                out.add(new int[] {s, e});
            } else {
                out.add(new int[] {s, week});
                out.add(new int[] {0, e - week});
            }
        }
        return out;
    }

    /** The tariff pieces in force within {@code span}, in the site's zone. */
    public static List<Piece> inForce(List<Tariff> tariffs, ZoneId zone, Interval span) {
        List<Piece> out = new ArrayList<>();
        LocalDate first = span.start().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = span.end().atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Tariff t : tariffs) {
                if (!t.days().contains(d.getDayOfWeek()) || !t.effectiveOn(d)) {
                    continue;
                }
                Instant s = d.atTime(t.start()).atZone(zone).toInstant();
                LocalDate endDay = t.end().isAfter(t.start()) ? d : d.plusDays(1);
                Instant e = endDay.atTime(t.end()).atZone(zone).toInstant();
                if (!s.isBefore(e)) {
                    continue; // a slot swallowed by a DST gap
                }
                Interval x = new Interval(s, e).intersect(span);
                if (x != null) {
                    out.add(new Piece(x, t));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(p -> p.span().start()));
        return out;
    }

    /**
     * Cost of the meter increments inside {@code window}.
     *
     * @throws IllegalArgumentException when the tariffs overlap (validate with {@link #conflicts} first)
     */
    public static Result cost(List<Counters.Increment> increments, List<Tariff> tariffs, ZoneId zone,
                              Interval window) {
        List<Conflict> conflicts = conflicts(tariffs);
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("tariffs overlap: " + conflicts);
        }
        double kwh = 0;
        double priced = 0;
        Map<String, Double> cost = new TreeMap<>();
        for (Counters.Increment inc : increments) {
            Interval inWindow = inc.span().intersect(window);
            if (inWindow == null || inc.amount() == 0) {
                continue;
            }
            kwh += Counters.share(inc, window);
            for (Piece p : inForce(tariffs, zone, inWindow)) {
                double share = Counters.share(inc, p.span());
                priced += share;
                cost.merge(p.tariff().currency(), share * p.tariff().pricePerKwh(), Double::sum);
            }
        }
        double unpriced = Math.max(0, kwh - priced);
        if (unpriced < 1e-9 * Math.max(1, kwh)) {
            unpriced = 0;
        }
        return new Result(kwh, cost, unpriced);
    }

    /** kWh per good unit, undefined when GQ is 0. */
    public static KpiValue energyPerGoodUnit(double kwh, double goodQuantity) {
        return KpiValue.ratio(kwh, goodQuantity, "GQ is 0");
    }
}
