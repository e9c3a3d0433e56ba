package io.converge.kpi.domain;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnergyCostTest {

    static final double EPS = 1e-9;
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
    static final LocalDate FROM = LocalDate.of(2026, 1, 1);

    static Tariff t(String id, double price, Set<DayOfWeek> days, String start, String end) {
        return new Tariff(id, price, "EUR", days, LocalTime.parse(start), LocalTime.parse(end), FROM, null);
    }

    static List<Tariff> weekTariffs() {
        return List.of(
                t("peak", 0.30, WEEKDAYS, "08:00", "20:00"),
                t("morning", 0.10, WEEKDAYS, "00:00", "08:00"),
                t("evening", 0.10, WEEKDAYS, "20:00", "00:00"),   // crosses into the next day at 00:00
                t("weekend", 0.12, EnumSet.of(SATURDAY, SUNDAY), "00:00", "00:00")); // whole day
    }

    static CounterSample c(String time, double v) {
        return new CounterSample(Instant.parse(time), v);
    }

    @Test
    void aValidWeekHasNoConflicts() {
        assertEquals(List.of(), EnergyCost.conflicts(weekTariffs()));
    }

    @Test
    void overlapsAreReportedAsPairs() {
        List<Tariff> ts = new java.util.ArrayList<>(weekTariffs());
        ts.add(t("promo", 0.05, EnumSet.of(WEDNESDAY), "19:00", "21:00"));
        List<EnergyCost.Conflict> c = EnergyCost.conflicts(ts);
        assertEquals(List.of(
                new EnergyCost.Conflict("peak", "promo", WEDNESDAY, LocalTime.of(19, 0), LocalTime.of(20, 0)),
                new EnergyCost.Conflict("evening", "promo", WEDNESDAY, LocalTime.of(20, 0), LocalTime.of(21, 0))),
                c);
        // a Sunday-night slot crossing into Monday collides with the Monday morning tariff
        List<Tariff> wrap = List.of(t("morning", 0.1, EnumSet.of(MONDAY), "00:00", "08:00"),
                t("sun-night", 0.1, EnumSet.of(SUNDAY), "22:00", "02:00"));
        assertEquals(List.of(new EnergyCost.Conflict("morning", "sun-night", MONDAY, LocalTime.MIDNIGHT,
                LocalTime.of(2, 0))), EnergyCost.conflicts(wrap));
        // the same slot in disjoint effective periods is fine
        Tariff old = new Tariff("old", 0.2, "EUR", WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(20, 0),
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        assertEquals(List.of(), EnergyCost.conflicts(List.of(old, weekTariffs().getFirst())));
        assertThrows(IllegalArgumentException.class, () -> EnergyCost.cost(List.of(), ts, ZoneOffset.UTC,
                new Interval(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"))));
    }

    @Test
    void aDeltaSpanningATariffBoundaryIsSplitInTime() {
        // Monday 2026-03-02 (UTC site). 07:00 100, 09:00 160, 10:00 190 kWh.
        List<Counters.Increment> inc = Counters.increments(List.of(c("2026-03-02T07:00:00Z", 100),
                c("2026-03-02T09:00:00Z", 160), c("2026-03-02T10:00:00Z", 190)), Counters.ResetPolicy.POST_RESET_VALUE);
        Interval all = new Interval(Instant.parse("2026-03-02T07:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"));
        EnergyCost.Result r = EnergyCost.cost(inc, weekTariffs(), ZoneOffset.UTC, all);
        assertEquals(90.0, r.kwh(), EPS);
        // 07–08: 30 kWh × 0.10 = 3.00; 08–09: 30 × 0.30 = 9.00; 09–10: 30 × 0.30 = 9.00 → 21.00
        assertEquals(21.0, r.costByCurrency().get("EUR"), EPS);
        assertEquals(0.0, r.unpricedKwh(), EPS);
        // window 07:30–09:30: 15 × 0.10 + 30 × 0.30 + 15 × 0.30 = 1.5 + 9 + 4.5 = 15.0 for 60 kWh
        Interval part = new Interval(Instant.parse("2026-03-02T07:30:00Z"), Instant.parse("2026-03-02T09:30:00Z"));
        EnergyCost.Result p = EnergyCost.cost(inc, weekTariffs(), ZoneOffset.UTC, part);
        assertEquals(60.0, p.kwh(), EPS);
        assertEquals(15.0, p.costByCurrency().get("EUR"), EPS);
    }

    @Test
    void timeWithoutATariffIsUnpriced() {
        Tariff fromTuesday = new Tariff("t", 0.2, "EUR", WEEKDAYS, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                LocalDate.of(2026, 3, 3), null);
        // Monday 23:00 → Tuesday 01:00, 20 kWh: half before the tariff starts
        List<Counters.Increment> inc = Counters.increments(List.of(c("2026-03-02T23:00:00Z", 0),
                c("2026-03-03T01:00:00Z", 20)), Counters.ResetPolicy.POST_RESET_VALUE);
        EnergyCost.Result r = EnergyCost.cost(inc, List.of(fromTuesday), ZoneOffset.UTC,
                new Interval(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-04T00:00:00Z")));
        assertEquals(20.0, r.kwh(), EPS);
        assertEquals(10.0, r.unpricedKwh(), EPS);
        assertEquals(2.0, r.costByCurrency().get("EUR"), EPS); // 10 × 0.2
    }

    @Test
    void daylightSavingStartShortensTheLocalNight() {
        // Europe/Berlin, Sunday 2026-03-29: 02:00 → 03:00 CEST. Local 00:00–06:00 is 23:00Z–04:00Z = 5 real hours.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<Tariff> ts = List.of(t("night", 0.10, EnumSet.of(SUNDAY), "00:00", "06:00"),
                t("day", 0.20, EnumSet.of(SUNDAY), "06:00", "00:00"));
        // 60 kWh over 23:00Z–05:00Z (10 kWh/h): 5 h × 10 × 0.10 = 5.00 + 1 h × 10 × 0.20 = 2.00 → 7.00
        List<Counters.Increment> inc = Counters.increments(List.of(c("2026-03-28T23:00:00Z", 0),
                c("2026-03-29T05:00:00Z", 60)), Counters.ResetPolicy.POST_RESET_VALUE);
        EnergyCost.Result r = EnergyCost.cost(inc, ts, berlin,
                new Interval(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")));
        assertEquals(7.0, r.costByCurrency().get("EUR"), EPS);
    }

    @Test
    void energyPerGoodUnit() {
        assertEquals(0.3, EnergyCost.energyPerGoodUnit(90, 300).value(), EPS); // 90 kWh / 300 units
        assertEquals("GQ is 0", EnergyCost.energyPerGoodUnit(90, 0).reason());
        assertTrue(EnergyCost.energyPerGoodUnit(0, 10).isDefined());
    }

    @Test
    void invalidTariffs() {
        assertThrows(IllegalArgumentException.class, () -> t("x", -1, WEEKDAYS, "08:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> t("x", 1, Set.of(), "08:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> new Tariff("x", 1, "EUR", WEEKDAYS, LocalTime.NOON,
                LocalTime.MIDNIGHT, FROM, FROM.minusDays(1)));
    }
}
