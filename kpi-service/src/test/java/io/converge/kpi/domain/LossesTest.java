package io.converge.kpi.domain;

import static io.converge.kpi.domain.MachineState.IDLE;
import static io.converge.kpi.domain.MachineState.RUNNING;
import static io.converge.kpi.domain.MachineState.SETUP;
import static io.converge.kpi.domain.StateTimelineTest.at;
import static io.converge.kpi.domain.StateTimelineTest.down;
import static io.converge.kpi.domain.StateTimelineTest.min;
import static io.converge.kpi.domain.StateTimelineTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LossesTest {

    static final double EPS = 1e-9;

    // window [0, 120): run 0..30 | down jam 30..32 (2 min: small stop) | run 32..50 | down motor 50..70 (breakdown)
    // | run 70..80 | setup 80..90 | down changeover 90..95 (setup reason) | run 95..100 | idle 100..103 (small)
    // | run 103..110 | idle 110..120 (10 min, long idle)
    static StateTimeline.Summary states() {
        List<StateSample> samples = List.of(s(0, RUNNING), s(10, RUNNING), s(20, RUNNING), down(30, "jam"),
                s(32, RUNNING), s(41, RUNNING), down(50, "motor"), down(60, "motor"), s(70, RUNNING),
                s(80, SETUP), down(90, "changeover"), s(95, RUNNING), s(100, IDLE), s(103, RUNNING), s(110, IDLE),
                s(119, IDLE), s(121, RUNNING));
        return StateTimeline.summarize(samples, at(0), at(120), null, min(10));
    }

    @Test
    void sixBigLossesWorkedExample() {
        StateTimeline.Summary st = states();
        // APT = 30 + 18 + 10 + 5 + 7 = 70 min
        assertEquals(min(70), st.apt());
        // PRI 30 s, PQ 120, GQ 114 → ideal time 120 × 0.5 min = 60 min
        Oee.Inputs in = new Oee.Inputs(min(120), st.apt(), 120, 114, Duration.ofSeconds(30));
        Losses.Breakdown b = Losses.compute(st, in, Losses.DEFAULT_SMALL_STOP_THRESHOLD, Set.of("changeover"), 2.0);
        assertEquals(20.0, b.breakdowns().value(), EPS);       // motor 50..70
        assertEquals(15.0, b.setupAdjustments().value(), EPS); // setup 80..90 (10) + changeover 90..95 (5)
        assertEquals(5.0, b.smallStops().value(), EPS);        // jam 2 + idle 100..103 3
        assertEquals(10.0, b.idleMinutes(), EPS);              // idle 110..120 (run lasts 11 min ≥ 5)
        assertEquals(0.0, b.unknownMinutes(), EPS);
        // reconciliation: PBT − APT = 120 − 70 = 50 = 20 + 15 + 5 + 10 + 0
        assertEquals(50.0, b.breakdowns().value() + b.setupAdjustments().value() + b.smallStops().value()
                + b.idleMinutes() + b.unknownMinutes(), EPS);
        assertEquals(10.0, b.reducedSpeed().value(), EPS);     // APT − PRI × PQ = 70 − 0.5 × 120 = 10 min
        assertEquals(3.0, b.qualityLossMinutes(), EPS);        // (120 − 114) × 0.5 = 3 min
        assertEquals(1.0, b.startupRejects().value(), EPS);    // 2 × 0.5 = 1 min
        assertEquals(2.0, b.productionRejects().value(), EPS); // (6 − 2) × 0.5 = 2 min
        assertEquals(2.0, b.downtimeMinutesByReason().get("jam"), EPS);
        assertEquals(20.0, b.downtimeMinutesByReason().get("motor"), EPS);
        assertEquals(5.0, b.downtimeMinutesByReason().get("changeover"), EPS);
    }

    @Test
    void withoutAStartupPeriodTheRejectSplitIsNotAvailable() {
        StateTimeline.Summary st = states();
        Oee.Inputs in = new Oee.Inputs(min(120), st.apt(), 120, 114, Duration.ofSeconds(30));
        Losses.Breakdown b = Losses.compute(st, in, Losses.DEFAULT_SMALL_STOP_THRESHOLD, Set.of(), null);
        assertNull(b.startupRejects().value());
        assertEquals("not available: no startup period known", b.productionRejects().reason());
        assertEquals(3.0, b.qualityLossMinutes(), EPS);
        // with no setup reasons, changeover (5 min, not < 5) is a breakdown: 20 + 5 = 25
        assertEquals(25.0, b.breakdowns().value(), EPS);
        assertThrows(IllegalArgumentException.class, () -> Losses.compute(st, in,
                Losses.DEFAULT_SMALL_STOP_THRESHOLD, Set.of(), 7.0)); // 7 startup rejects > 6 rejects
    }
}
