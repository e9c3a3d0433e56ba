package io.converge.kpi.domain;

import static io.converge.kpi.domain.MachineState.DOWN;
import static io.converge.kpi.domain.MachineState.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.kpi.domain.Counters.ResetPolicy;
import io.converge.kpi.domain.ShiftCalendar.WeeklySlot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pieces together, the way the streaming and query layers will combine them. */
class KpiPipelineTest {

    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z"); // a Monday

    static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    @Test
    void oeeAndEnergyForTwoHoursOfAShift() {
        // shift Monday 06:00–14:00, break 07:00–07:15; window 06:00–08:00 → PBT = 120 − 15 = 105 min
        ShiftCalendar cal = new ShiftCalendar(ZoneOffset.UTC,
                List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(6, 0), LocalTime.of(14, 0))),
                List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(7, 0), LocalTime.of(7, 15))), List.of());
        List<Interval> planned = cal.plannedBusy(at(0), at(120));
        assertEquals(Duration.ofMinutes(105), Interval.total(planned));

        // state every 5 min: running, except down "jam" 06:30–06:40
        List<StateSample> states = new ArrayList<>();
        for (int m = 0; m < 120; m += 5) {
            states.add(m == 30 || m == 35 ? new StateSample(at(m), DOWN, "jam") : StateSample.of(at(m), RUNNING));
        }
        StateTimeline.Summary st = StateTimeline.summarize(states, at(0), at(120), planned, Duration.ofMinutes(10));
        assertEquals(Duration.ofMinutes(95), st.apt()); // 105 planned − 10 down

        // counters sampled at the edges only: good 0 → 90, scrap 0 → 5, meter 1000 → 1050 kWh
        double good = Counters.delta(List.of(new CounterSample(at(0), 0), new CounterSample(at(120), 90)),
                at(0), at(120), ResetPolicy.POST_RESET_VALUE, Duration.ofHours(3)).delta();
        double scrap = Counters.delta(List.of(new CounterSample(at(0), 0), new CounterSample(at(120), 5)),
                at(0), at(120), ResetPolicy.POST_RESET_VALUE, Duration.ofHours(3)).delta();
        List<CounterSample> meter = List.of(new CounterSample(at(0), 1000), new CounterSample(at(120), 1050));
        double kwh = Counters.delta(meter, at(0), at(120), ResetPolicy.POST_RESET_VALUE, Duration.ofHours(3))
                .delta();

        // PRI 54 s: A = 95/105, E = 54 × 95 / (95 × 60) = 0.9, Q = 90/95
        Oee.Inputs in = new Oee.Inputs(Interval.total(planned), st.apt(), good + scrap, good, Duration.ofSeconds(54));
        Oee.Result oee = Oee.compute(in);
        assertEquals(95.0 / 105, oee.availability().value(), 1e-12);
        assertEquals(0.9, oee.effectiveness().value(), 1e-12);
        assertEquals(90.0 / 95, oee.quality().value(), 1e-12);
        // OEE = GQ × PRI / PBT = 90 × 54 / (105 × 60) = 4860 / 6300 = 0.771428…
        assertEquals(4860.0 / 6300, oee.oee().value(), 1e-12);

        Losses.Breakdown losses = Losses.compute(st, in, Losses.DEFAULT_SMALL_STOP_THRESHOLD, Set.of(), null);
        assertEquals(10.0, losses.breakdowns().value(), 1e-9);        // jam 10 min ≥ 5 min
        assertEquals(9.5, losses.reducedSpeed().value(), 1e-9);       // 95 − 0.9 × 95 = 9.5 min
        assertEquals(4.5, losses.qualityLossMinutes(), 1e-9);         // 5 × 0.9 min

        // energy: 50 kWh / 90 good = 0.5555… kWh per unit; flat tariff 0.20 → 10.00
        assertEquals(50.0 / 90, EnergyCost.energyPerGoodUnit(kwh, good).value(), 1e-12);
        Tariff flat = new Tariff("flat", 0.20, "EUR", Set.of(DayOfWeek.values()), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, java.time.LocalDate.of(2026, 1, 1), null);
        EnergyCost.Result cost = EnergyCost.cost(Counters.increments(meter, ResetPolicy.POST_RESET_VALUE),
                List.of(flat), ZoneOffset.UTC, new Interval(at(0), at(120)));
        assertEquals(10.0, cost.costByCurrency().get("EUR"), 1e-9);
    }
}
