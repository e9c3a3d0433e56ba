package io.converge.kpi.domain;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.converge.kpi.domain.ShiftCalendar.WeeklySlot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

    static WeeklySlot slot(DayOfWeek d, String s, String e) {
        return new WeeklySlot(d, LocalTime.parse(s), LocalTime.parse(e));
    }

    static Instant i(String s) {
        return Instant.parse(s);
    }

    /** Mon–Fri early 06–14 and late 14–22, night 22–06 Mon–Thu, lunch break 12:00–12:30 on weekdays. */
    static ShiftCalendar threeShifts(List<Interval> maintenance) {
        List<WeeklySlot> shifts = new ArrayList<>();
        List<WeeklySlot> breaks = new ArrayList<>();
        for (DayOfWeek d : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
            shifts.add(slot(d, "06:00", "14:00"));
            shifts.add(slot(d, "14:00", "22:00"));
            breaks.add(slot(d, "12:00", "12:30"));
            if (d != FRIDAY) {
                shifts.add(slot(d, "22:00", "06:00"));
            }
        }
        return new ShiftCalendar(ZoneOffset.UTC, shifts, breaks, maintenance);
    }

    @Test
    void mondayWorkedExample() {
        // Monday 2026-03-02: 06–22 (16 h) + 22–24 of the night shift (2 h) − lunch 0.5 h = 17.5 h.
        // 00–06 Monday belongs to a Sunday night shift, which does not exist.
        ShiftCalendar cal = threeShifts(List.of());
        assertEquals(Duration.ofMinutes(17 * 60 + 30), cal.pbt(i("2026-03-02T00:00:00Z"), i("2026-03-03T00:00:00Z")));
    }

    @Test
    void nightShiftCrossingMidnightCountsOnTheNextDay() {
        // Tuesday 00–06 comes from Monday's night shift: 6 h
        ShiftCalendar cal = threeShifts(List.of());
        assertEquals(Duration.ofHours(6), cal.pbt(i("2026-03-03T00:00:00Z"), i("2026-03-03T06:00:00Z")));
        // Saturday: Friday has no night shift → 0
        assertEquals(Duration.ZERO, cal.pbt(i("2026-03-07T00:00:00Z"), i("2026-03-08T00:00:00Z")));
        // whole week Mon 00:00 → next Mon 00:00: 5 × 16 h + 4 × 8 h − 5 × 0.5 h = 80 + 32 − 2.5 = 109.5 h
        assertEquals(Duration.ofMinutes(109 * 60 + 30),
                cal.pbt(i("2026-03-02T00:00:00Z"), i("2026-03-09T00:00:00Z")));
    }

    @Test
    void overlappingPlannedDowntimeIsNotDoubleCounted() {
        // maintenance 12:15–13:00 overlaps the lunch break 12:00–12:30, and a second piece 12:45–13:30 overlaps it:
        // removed = 12:00–13:30 = 1.5 h (not 0.5 + 0.75 + 0.75 = 2 h) → 18 − 1.5 = 16.5 h
        ShiftCalendar cal = threeShifts(List.of(new Interval(i("2026-03-02T12:15:00Z"), i("2026-03-02T13:00:00Z")),
                new Interval(i("2026-03-02T12:45:00Z"), i("2026-03-02T13:30:00Z"))));
        assertEquals(Duration.ofMinutes(16 * 60 + 30),
                cal.pbt(i("2026-03-02T00:00:00Z"), i("2026-03-03T00:00:00Z")));
        assertEquals(List.of(new Interval(i("2026-03-02T06:00:00Z"), i("2026-03-02T12:00:00Z")),
                new Interval(i("2026-03-02T13:30:00Z"), i("2026-03-03T00:00:00Z"))),
                cal.plannedBusy(i("2026-03-02T00:00:00Z"), i("2026-03-03T00:00:00Z")));
    }

    @Test
    void overlappingShiftsAreCountedOnce() {
        // 06–14 and 13–21 on Monday → 06–21 = 15 h
        ShiftCalendar cal = new ShiftCalendar(ZoneOffset.UTC,
                List.of(slot(MONDAY, "06:00", "14:00"), slot(MONDAY, "13:00", "21:00")), List.of(), List.of());
        assertEquals(Duration.ofHours(15), cal.pbt(i("2026-03-02T00:00:00Z"), i("2026-03-03T00:00:00Z")));
        // a partial window 10:00–11:00 → 1 h
        assertEquals(Duration.ofHours(1), cal.pbt(i("2026-03-02T10:00:00Z"), i("2026-03-02T11:00:00Z")));
    }

    @Test
    void nightShiftAcrossDaylightSavingStartIsSevenHours() {
        // Europe/Berlin, Saturday 2026-03-28 22:00 CET → Sunday 06:00 CEST = 21:00Z → 04:00Z = 7 h
        ShiftCalendar cal = new ShiftCalendar(ZoneId.of("Europe/Berlin"), List.of(slot(SATURDAY, "22:00", "06:00")),
                List.of(), List.of());
        assertEquals(Duration.ofHours(7), cal.pbt(i("2026-03-28T00:00:00Z"), i("2026-03-30T00:00:00Z")));
    }

    @Test
    void emptyWindowIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> threeShifts(List.of()).pbt(i("2026-03-02T00:00:00Z"), i("2026-03-02T00:00:00Z")));
    }
}
