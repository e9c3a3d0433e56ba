package io.converge.kpi.domain;

import static io.converge.kpi.domain.AlarmTracker.State.ACKNOWLEDGED;
import static io.converge.kpi.domain.AlarmTracker.State.ACTIVE;
import static io.converge.kpi.domain.AlarmTracker.State.CLEARED;
import static io.converge.kpi.domain.AlarmTracker.State.NORMAL;
import static io.converge.kpi.domain.AlarmTracker.State.PENDING;
import static io.converge.kpi.domain.StateTimelineTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.kpi.domain.AlarmRule.Operator;
import io.converge.kpi.domain.AlarmRule.Severity;
import io.converge.kpi.domain.AlarmTracker.State;
import io.converge.kpi.domain.AlarmTracker.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmTrackerTest {

    static AlarmRule hot(Duration forDuration) {
        return new AlarmRule("r1", "spindle.temp", Operator.GT, 80, forDuration, Severity.CRITICAL, 2);
    }

    static List<State> to(List<Transition> ts) {
        return ts.stream().map(Transition::to).toList();
    }

    @Test
    void fullLifecycleWithHysteresisAndReRaise() {
        AlarmTracker a = new AlarmTracker(hot(Duration.ofMinutes(5)));
        assertEquals(List.of(), a.onValue(at(0), 79));
        assertEquals(List.of(PENDING), to(a.onValue(at(1), 81)));  // condition true since minute 1
        assertEquals(List.of(), a.onValue(at(3), 82));              // 2 min < 5 min
        List<Transition> raised = a.onValue(at(6), 83);              // 5 min elapsed
        assertEquals(List.of(ACTIVE), to(raised));
        assertEquals(1, raised.getFirst().alarmSeq());
        assertEquals(Severity.CRITICAL, raised.getFirst().severity());
        assertEquals(List.of(), a.onValue(at(7), 79));              // 79 > 80 − 2 = 78: inside the band, stays
        Transition ack = a.acknowledge(at(8), "olga");
        assertEquals(ACKNOWLEDGED, ack.to());
        assertEquals("olga", ack.actor());
        assertEquals(List.of(CLEARED), to(a.onValue(at(9), 78)));  // 78 ≤ 78: beyond the hysteresis → cleared
        // re-raise after clear: a new alarm, sequence 2
        assertEquals(List.of(PENDING), to(a.onValue(at(10), 85)));
        List<Transition> again = a.onValue(at(15), 85);
        assertEquals(List.of(ACTIVE), to(again));
        assertEquals(2, again.getFirst().alarmSeq());
        // cleared without acknowledgement is fine
        assertEquals(List.of(CLEARED), to(a.onValue(at(16), 70)));
    }

    @Test
    void aValueThatFlipsBackBeforeTheForDurationNeverRaises() {
        AlarmTracker a = new AlarmTracker(hot(Duration.ofMinutes(5)));
        List<Transition> all = new ArrayList<>();
        // above for 4 min, below, above for 4 min, below …
        for (int m = 0; m < 60; m += 1) {
            all.addAll(a.onValue(at(m), (m / 4) % 2 == 0 ? 81 : 79));
        }
        assertTrue(all.stream().noneMatch(t -> t.to() == ACTIVE));
        assertTrue(all.stream().anyMatch(t -> t.from() == PENDING && t.to() == NORMAL)); // withdrawn
    }

    @Test
    void zeroForDurationRaisesAtOnceAndLowerOperatorsUseTheBandAbove() {
        AlarmRule low = new AlarmRule("p", "line.pressure", Operator.LT, 2.0, Duration.ZERO, Severity.WARNING, 0.5);
        AlarmTracker a = new AlarmTracker(low);
        assertEquals(List.of(ACTIVE), to(a.onValue(at(0), 1.9)));
        assertEquals(List.of(), a.onValue(at(1), 2.3));            // 2.3 < 2.0 + 0.5: still active
        assertEquals(List.of(CLEARED), to(a.onValue(at(2), 2.5))); // 2.5 ≥ 2.5 → cleared
    }

    @Test
    void tickPromotesAPendingAlarmAndLateValuesAreIgnored() {
        AlarmTracker a = new AlarmTracker(hot(Duration.ofMinutes(5)));
        a.onValue(at(0), 90);
        assertEquals(List.of(), a.tick(at(4)));
        assertEquals(List.of(ACTIVE), to(a.tick(at(5))));
        assertEquals(List.of(), a.onValue(at(-1), 10)); // older than the last value: ignored
        assertEquals(ACTIVE, a.state());
    }

    @Test
    void onlyAnActiveAlarmCanBeAcknowledged() {
        AlarmTracker a = new AlarmTracker(hot(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> a.acknowledge(at(0), "olga"));
        a.onValue(at(0), 81);
        assertThrows(IllegalArgumentException.class, () -> a.acknowledge(at(1), " "));
        a.acknowledge(at(1), "olga");
        assertThrows(IllegalStateException.class, () -> a.acknowledge(at(2), "olga"));
    }

    @Test
    void ruleValidation() {
        assertEquals(Operator.GE, Operator.parse(">="));
        assertThrows(IllegalArgumentException.class, () -> Operator.parse("=="));
        assertThrows(IllegalArgumentException.class, () -> new AlarmRule("r", "9bad", Operator.GT, 1,
                Duration.ZERO, Severity.INFO, 0));
        assertThrows(IllegalArgumentException.class, () -> new AlarmRule("r", "ok", Operator.GT, 1,
                Duration.ZERO, Severity.INFO, -1));
        // >= with hysteresis 0 clears as soon as the value drops below the threshold
        AlarmRule ge = new AlarmRule("r", "ok", Operator.GE, 10, Duration.ZERO, Severity.INFO, 0);
        assertTrue(ge.condition(10));
        assertTrue(ge.clears(9.99));
        assertEquals(false, ge.clears(10));
    }

    @Test
    void aResumedOpenAlarmIsNotRaisedAgainAndClearsBeyondTheBand() {
        AlarmTracker a = AlarmTracker.resume(hot(Duration.ofMinutes(5)), ACTIVE, 4);
        assertEquals(ACTIVE, a.state());
        assertEquals(List.of(), a.onValue(at(0), 90));           // still above: no second raise
        assertEquals(List.of(), a.onValue(at(1), 79));           // inside the band (80 - 2)
        List<Transition> cleared = a.onValue(at(2), 77.9);
        assertEquals(List.of(CLEARED), to(cleared));
        assertEquals(4, cleared.getFirst().alarmSeq());
        AlarmTracker acked = AlarmTracker.resume(hot(Duration.ZERO), ACKNOWLEDGED, 1);
        assertThrows(IllegalStateException.class, () -> acked.acknowledge(at(0), "olga"));
        assertThrows(IllegalArgumentException.class, () -> AlarmTracker.resume(hot(Duration.ZERO), PENDING, 1));
    }

    @Test
    void alarmKpisReadTheirFigureAndStayUndefinedWithoutData() {
        WindowFigures f = new WindowFigures(60, 45, 10, 9, 36, 0, 15, 0, 0, 0, java.util.Map.of(), 1, 1, 15, 0, 0,
                4.5, java.util.Map.of(), 0, 0, false);
        assertEquals(0.75, AlarmKpi.AVAILABILITY.of(f).value(), 1e-9);
        assertEquals(0.8, AlarmKpi.EFFECTIVENESS.of(f).value(), 1e-9);
        assertEquals(0.9, AlarmKpi.QUALITY.of(f).value(), 1e-9);
        assertEquals(0.54, AlarmKpi.OEE.of(f).value(), 1e-9);
        assertEquals(45, AlarmKpi.MTBF.of(f).value(), 1e-9);
        assertEquals(15, AlarmKpi.MTTR.of(f).value(), 1e-9);
        assertEquals(0.5, AlarmKpi.ENERGY_PER_GOOD_UNIT.of(f).value(), 1e-9);
        assertEquals(false, AlarmKpi.OEE.of(WindowFigures.EMPTY).isDefined());
        assertEquals(AlarmKpi.ENERGY_PER_GOOD_UNIT, AlarmKpi.parse("energy-per-good-unit").orElseThrow());
        assertTrue(AlarmKpi.parse("OEE").isEmpty());
    }
}
