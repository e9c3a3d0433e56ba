package io.converge.kpi.domain;

import static io.converge.kpi.domain.MachineState.DOWN;
import static io.converge.kpi.domain.MachineState.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One asset's window figures from raw samples, with hand-computed expectations. */
class WindowCalculatorTest {

    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    static final WindowCalculator.Settings S = WindowCalculator.Settings.DEFAULT;

    static Instant at(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    static Interval minutes(double from, double to) {
        return new Interval(at(from), at(to));
    }

    static List<CounterSample> counter(double... minuteValuePairs) {
        List<CounterSample> out = new ArrayList<>();
        for (int i = 0; i < minuteValuePairs.length; i += 2) {
            out.add(new CounterSample(at(minuteValuePairs[i]), minuteValuePairs[i + 1]));
        }
        return out;
    }

    static WindowCalculator.Inputs inputs(List<StateSample> states, List<CounterSample> good,
            List<CounterSample> scrap, List<WindowCalculator.OrderSlot> orders) {
        return new WindowCalculator.Inputs(states, good, scrap, null, null, orders, List.of(), ZoneOffset.UTC);
    }

    @Test
    void oeeElementsOfOneWindow() {
        // running 0–40, down 40–50 (reason "jam"), running 50–60; 100 good + 10 scrap in the hour; PRI 24 s
        // PBT 3600, APT 3000; ideal = 110 × 24 = 2640 → A = 5/6, E = 0.88, Q = 10/11, OEE = 2/3
        // (reported on change and as a heartbeat every 5 min: a state holds for at most the 10-min max gap)
        List<StateSample> states = new ArrayList<>();
        for (int m = 0; m <= 60; m += 5) {
            states.add(m >= 40 && m < 50 ? new StateSample(at(m), DOWN, "jam") : StateSample.of(at(m), RUNNING));
        }
        var f = WindowCalculator.compute(inputs(states, counter(0, 0, 60, 100), counter(0, 0, 60, 10),
                List.of(new WindowCalculator.OrderSlot(minutes(-60, 120), 24))), minutes(0, 60), S);
        assertEquals(3600, f.pbtSeconds(), 1e-9);
        assertEquals(3000, f.aptSeconds(), 1e-9);
        assertEquals(110, f.pq(), 1e-9);
        assertEquals(100, f.gq(), 1e-9);
        assertEquals(2640, f.idealSeconds(), 1e-9);
        assertEquals(600, f.downSecondsByReason().get("jam"), 1e-9);
        assertEquals(600, f.breakdownSeconds(), 1e-9); // 10 min ≥ the 5 min small-stop threshold
        assertEquals(1, f.failures());
        assertEquals(1, f.repairs());
        var k = WindowFigures.Kpis.of(f);
        assertEquals(5.0 / 6, k.availability().value(), 1e-12);
        assertEquals(0.88, k.effectiveness().value(), 1e-12);
        assertEquals(10.0 / 11, k.quality().value(), 1e-12);
        assertEquals(2.0 / 3, k.oee().value(), 1e-12);
        assertEquals(3000, k.mtbfSeconds().value(), 1e-9);
        assertEquals(600, k.mttrSeconds().value(), 1e-9);
    }

    @Test
    void counterEdgesAreInterpolatedAndResetsCounted() {
        // good: 0 at −1 min, 30 at +1 min → half of the 30 falls in [0, 1): 15; 50 at 2 min (+20); then a reset:
        // 5 at 2.5 min (restarted from 0 → +5), 10 at 3.5 min (+5, half of it before 3) → window [0, 3):
        // 15 + 20 + 5 + 2.5 = 42.5, one reset
        var f = WindowCalculator.compute(inputs(null, counter(-1, 0, 1, 30, 2, 50, 2.5, 5, 3.5, 10), null,
                List.of()), minutes(0, 3), S);
        assertEquals(42.5, f.gq(), 1e-9);
        assertEquals(1, f.counterResets());
        assertFalse(f.partial());
        assertEquals(0, f.pbtSeconds(), 1e-9, "no state bound: no PBT");
        assertNull(WindowFigures.Kpis.of(f).availability().value());
        assertEquals("PBT is 0", WindowFigures.Kpis.of(f).availability().reason());
    }

    @Test
    void aGapIsUnknownTimeAndACounterWithoutLaterReadingIsPartial() {
        // running at 0, then silence until 25: max gap 10 min → 10 min running, 15 unknown of the 30-min window;
        // good counter read at 0 and 10 only → [10, 30) uncovered → partial
        List<StateSample> states = List.of(StateSample.of(at(0), RUNNING), StateSample.of(at(25), RUNNING));
        var f = WindowCalculator.compute(inputs(states, counter(0, 0, 10, 20), null, List.of()), minutes(0, 30), S);
        assertEquals(15 * 60, f.aptSeconds(), 1e-9); // 0–10 and 25–30
        assertEquals(15 * 60, f.unknownSeconds(), 1e-9);
        assertTrue(f.partial());
        assertEquals(20, f.gq(), 1e-9);
    }

    @Test
    void productionOutsideAnyOrderLeavesEffectivenessUndefined() {
        // order covers [0, 30) only; 60 units spread evenly over the hour → 30 ordered, 30 not
        List<StateSample> states = List.of(StateSample.of(at(0), RUNNING), StateSample.of(at(60), RUNNING));
        var f = WindowCalculator.compute(inputs(states, counter(0, 0, 60, 60), null,
                List.of(new WindowCalculator.OrderSlot(minutes(0, 30), 30))), minutes(0, 60), S);
        assertEquals(30 * 30, f.idealSeconds(), 1e-9);
        assertEquals(30, f.unorderedPq(), 1e-9);
        var k = WindowFigures.Kpis.of(f);
        assertNull(k.effectiveness().value());
        assertTrue(k.effectiveness().reason().contains("outside any production order"));
        assertNull(k.oee().value());
    }

    @Test
    void overlappingOrdersAreNotCountedTwice() {
        // orders [0, 40) PRI 10 s and [20, 60) PRI 20 s: the first wins its whole span, the second counts from 40
        List<StateSample> states = List.of(StateSample.of(at(0), RUNNING), StateSample.of(at(60), RUNNING));
        var f = WindowCalculator.compute(inputs(states, counter(0, 0, 60, 60), null,
                List.of(new WindowCalculator.OrderSlot(minutes(20, 60), 20),
                        new WindowCalculator.OrderSlot(minutes(0, 40), 10))), minutes(0, 60), S);
        assertEquals(40 * 10 + 20 * 20, f.idealSeconds(), 1e-9);
        assertEquals(0, f.unorderedPq(), 1e-9);
    }

    @Test
    void plannedBusyTimeComesFromTheCalendar() {
        // shift Monday 06:00–07:00 with a break 06:30–06:45 → PBT 45 min; running throughout → A = 1
        ShiftCalendar cal = new ShiftCalendar(ZoneId.of("UTC"),
                List.of(new ShiftCalendar.WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(6, 0), LocalTime.of(7, 0))),
                List.of(new ShiftCalendar.WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(6, 30), LocalTime.of(6, 45))),
                List.of());
        List<StateSample> states = new ArrayList<>();
        for (int m = 0; m <= 60; m += 5) {
            states.add(StateSample.of(at(m), RUNNING));
        }
        var in = new WindowCalculator.Inputs(states, null, null, null, cal.plannedBusy(at(0), at(60)), List.of(),
                List.of(), ZoneOffset.UTC);
        var f = WindowCalculator.compute(in, minutes(0, 60), S);
        assertEquals(45 * 60, f.pbtSeconds(), 1e-9);
        assertEquals(45 * 60, f.aptSeconds(), 1e-9);
    }

    @Test
    void energyIsPricedByTheTariffInForce() {
        // 06:00–06:30 costs 0.10, 06:30–07:00 costs 0.30 (UTC); 1 kWh a minute → 30 × 0.1 + 30 × 0.3 = 12 EUR
        Tariff cheap = new Tariff("a", 0.10, "EUR", EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(6, 0),
                LocalTime.of(6, 30), java.time.LocalDate.of(2026, 1, 1), null);
        Tariff peak = new Tariff("b", 0.30, "EUR", EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(6, 30),
                LocalTime.of(7, 0), java.time.LocalDate.of(2026, 1, 1), null);
        var in = new WindowCalculator.Inputs(null, counter(0, 0, 30, 0), null, counter(0, 1000, 60, 1060), null,
                List.of(), List.of(cheap, peak), ZoneOffset.UTC);
        var f = WindowCalculator.compute(in, minutes(0, 60), S);
        assertEquals(60, f.energyKwh(), 1e-9);
        assertEquals(12, f.energyCost().get("EUR"), 1e-9);
        assertEquals(0, f.unpricedKwh(), 1e-9);
        assertNull(WindowFigures.Kpis.of(f).energyPerGoodUnit().value(), "GQ is 0");
    }

    @Test
    void aLatePointChangesOnlyTheWindowsItFallsIn() {
        // late data: a DOWN report at 9:30 arriving after windows 0–10 were computed changes window 9 only
        List<StateSample> before = new ArrayList<>(List.of(StateSample.of(at(0), RUNNING),
                StateSample.of(at(5), RUNNING), StateSample.of(at(10), RUNNING)));
        List<StateSample> after = new ArrayList<>(before);
        after.add(2, StateSample.of(at(9.5), DOWN));
        for (int m = 0; m < 10; m++) {
            var a = WindowCalculator.compute(inputs(before, null, null, List.of()), minutes(m, m + 1), S);
            var b = WindowCalculator.compute(inputs(after, null, null, List.of()), minutes(m, m + 1), S);
            if (m == 9) {
                assertEquals(60, a.aptSeconds(), 1e-9);
                assertEquals(30, b.aptSeconds(), 1e-9);
                assertEquals(1, b.failures());
            } else {
                assertEquals(a, b, "window " + m);
            }
        }
    }

    @Test
    void lineFiguresAreSumsAndKpisComeFromTheSums() {
        // asset 1: A = 1 (PBT 60 APT 60), asset 2: A = 0 (PBT 60 APT 0) → line A = 0.5, not the mean of ratios
        // of different weights; Q from summed GQ/PQ: (9 + 1) / (10 + 10) = 0.5
        var one = new WindowFigures(60, 60, 10, 9, 60, 0, 0, 0, 0, 0, java.util.Map.of(), 0, 0, 0, 0, 0, 0,
                java.util.Map.of(), 0, 0, false);
        var two = new WindowFigures(60, 0, 10, 1, 0, 0, 60, 0, 0, 0, java.util.Map.of("jam", 60.0), 1, 0, 60, 0, 0,
                0, java.util.Map.of(), 0, 0, false);
        var k = WindowFigures.Kpis.of(WindowFigures.sum(List.of(one, two)));
        assertEquals(0.5, k.availability().value(), 1e-12);
        assertEquals(0.5, k.quality().value(), 1e-12);
        assertEquals(1.0, k.effectiveness().value(), 1e-12);
        assertEquals(Duration.ofSeconds(60).toSeconds(), WindowFigures.sum(List.of(one, two))
                .downSecondsByReason().get("jam"), 1e-9);
    }
}
