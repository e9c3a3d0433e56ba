package io.converge.kpi.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A site's weekly shift pattern with planned downtime → planned busy periods and PBT for any [from, to).
 *
 * <ul>
 *   <li>Shifts and breaks are weekly local-time slots in the site's zone; a slot whose end is not after its start
 *       crosses midnight (end == start is 24 h). The weekday is the day the slot starts, so a 02:00 break in the
 *       Monday night shift is a TUESDAY 02:00 slot.</li>
 *   <li>Local times are resolved with the zone's rules, so a night shift across a daylight-saving change lasts
 *       7 h or 9 h of real time.</li>
 *   <li>planned busy = ∪ shifts − ∪ breaks − ∪ planned downtime (absolute intervals, e.g. planned maintenance).
 *       Unions first, so overlapping shifts or overlapping downtime pieces are never counted twice.</li>
 * </ul>
 */
public record ShiftCalendar(ZoneId zone, List<WeeklySlot> shifts, List<WeeklySlot> breaks,
                            List<Interval> plannedDowntime) {

    public record WeeklySlot(DayOfWeek day, LocalTime start, LocalTime end) {
        public WeeklySlot {
            if (day == null || start == null || end == null) {
                throw new IllegalArgumentException("day, start and end are required");
            }
        }

        /** The real-time interval of this slot when it starts on {@code date}, or null when date is another day. */
        Interval on(LocalDate date, ZoneId zone) {
            if (date.getDayOfWeek() != day) {
                return null;
            }
            Instant s = date.atTime(start).atZone(zone).toInstant();
            LocalDate endDate = end.isAfter(start) ? date : date.plusDays(1);
            Instant e = endDate.atTime(end).atZone(zone).toInstant();
            return s.isBefore(e) ? new Interval(s, e) : null;
        }
    }

    public ShiftCalendar {
        if (zone == null) {
            throw new IllegalArgumentException("zone is required");
        }
        shifts = shifts == null ? List.of() : List.copyOf(shifts);
        breaks = breaks == null ? List.of() : List.copyOf(breaks);
        plannedDowntime = plannedDowntime == null ? List.of() : List.copyOf(plannedDowntime);
    }

    /** Planned busy periods inside [from, to), sorted and disjoint. */
    public List<Interval> plannedBusy(Instant from, Instant to) {
        Validation.requireWindow(from, to);
        Interval window = new Interval(from, to);
        List<Interval> on = expand(shifts, window);
        List<Interval> off = new ArrayList<>(expand(breaks, window));
        off.addAll(plannedDowntime);
        return Interval.intersect(Interval.subtract(on, off), List.of(window));
    }

    /** Planned busy time (PBT) for [from, to). */
    public Duration pbt(Instant from, Instant to) {
        return Interval.total(plannedBusy(from, to));
    }

    private List<Interval> expand(List<WeeklySlot> slots, Interval window) {
        List<Interval> out = new ArrayList<>();
        LocalDate first = window.start().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = window.end().atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (WeeklySlot slot : slots) {
                Interval i = slot.on(d, zone);
                if (i != null && i.overlaps(window)) {
                    out.add(i);
                }
            }
        }
        return out;
    }
}
