package io.converge.kpi.domain;

import static io.converge.kpi.domain.MachineState.DOWN;
import static io.converge.kpi.domain.MachineState.IDLE;
import static io.converge.kpi.domain.MachineState.RUNNING;
import static io.converge.kpi.domain.MachineState.SETUP;
import static io.converge.kpi.domain.MachineState.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTimelineTest {

    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static StateSample s(int minute, MachineState state) {
        return StateSample.of(at(minute), state);
    }

    static StateSample down(int minute, String reason) {
        return new StateSample(at(minute), DOWN, reason);
    }

    static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    @Test
    void oneHourWithTwoFailures() {
        // samples every ≤ 10 min; window [0, 60)
        // 0 run | 20 down jam | 25 run | 40 down motor | 50 run
        List<StateSample> samples = List.of(s(0, RUNNING), s(5, RUNNING), s(10, RUNNING), s(15, RUNNING),
                down(20, "jam"), s(25, RUNNING), s(30, RUNNING), s(35, RUNNING), down(40, "motor"), down(45, "motor"),
                s(50, RUNNING), s(55, RUNNING));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(60), null, min(10));
        assertEquals(min(45), r.apt());   // 20 + 15 + 10 (50..60) = 45 min running
        assertEquals(min(15), r.down());  // 5 (jam) + 10 (motor) = 15
        assertEquals(Map.of("jam", min(5), "motor", min(10)), r.downByReason());
        assertEquals(2, r.failures());    // run→down at 20 and at 40; 45 is down→down, not a new failure
        assertEquals(2, r.repairs());     // down→run at 25 and at 50
        assertEquals(45 * 60 / 2.0, r.mtbfSeconds().value(), 1e-9); // 2700 s / 2 = 1350 s = 22.5 min
        assertEquals(15 * 60 / 2.0, r.mttrSeconds().value(), 1e-9); // 900 s / 2 = 450 s = 7.5 min
        assertEquals(Duration.ZERO, r.unknown());
    }

    @Test
    void stateBeforeTheWindowCarriesIn() {
        // down since 05:55 (minute −5), back running at 06:08; window [06:00, 06:30)
        List<StateSample> samples = List.of(down(-5, "tool"), down(3, "tool"), s(8, RUNNING), s(16, RUNNING),
                s(24, RUNNING));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(30), null, min(10));
        assertEquals(min(8), r.down());   // 0..8 carried in from the −5 sample
        assertEquals(min(22), r.apt());   // 8..30
        assertEquals(0, r.failures());    // the failure began before the window
        assertEquals(1, r.repairs());     // but it ended inside: 1 repair
        assertEquals(480.0, r.mttrSeconds().value(), 1e-9); // 8 min × 60 / 1 = 480 s
        assertEquals("no failures in the window", r.mtbfSeconds().reason());
    }

    @Test
    void gapLongerThanMaxGapIsUnknown() {
        // running at 0, silence until 25 (idle), max gap 10 → 0..10 running, 10..25 unknown, 25..30 idle
        List<StateSample> samples = List.of(s(0, RUNNING), s(25, IDLE));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(30), null, min(10));
        assertEquals(min(10), r.apt());
        assertEquals(min(15), r.unknown());
        assertEquals(min(5), r.timeByState().get(IDLE));
    }

    @Test
    void noSampleBeforeTheWindowMeansUnknownUntilTheFirstOne() {
        List<StateSample> samples = List.of(s(4, RUNNING), s(12, RUNNING), s(20, RUNNING));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(30), null, min(10));
        assertEquals(min(4), r.unknown());  // 0..4 nothing known
        assertEquals(min(26), r.apt());     // 4..30 (last sample at 20 holds for 10 min)
    }

    @Test
    void plannedBusyPeriodsClipEverything() {
        // running throughout, down 20..30; planned busy: 0..15 and 25..60 (a break 15..25)
        List<StateSample> samples = List.of(s(0, RUNNING), s(10, RUNNING), down(20, "jam"), s(30, RUNNING),
                s(40, RUNNING), s(50, RUNNING));
        List<Interval> planned = List.of(new Interval(at(0), at(15)), new Interval(at(25), at(60)));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(60), planned, min(10));
        assertEquals(min(50), r.planned());  // 15 + 35
        assertEquals(min(45), r.apt());      // 0..15 (15) + 30..60 (30) = 45
        assertEquals(min(5), r.down());      // down 20..30 ∩ planned 25..60 = 25..30
        assertEquals(1, r.failures());       // transitions are counted even during the break
    }

    @Test
    void outOfOrderSamplesAreSortedAndDuplicatesKeepTheLastReceived() {
        List<StateSample> samples = List.of(s(10, RUNNING), s(0, RUNNING), down(5, "jam"), s(5, SETUP));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(15), null, min(10));
        // 0..5 running, 5..10 setup (the later-received sample at minute 5 wins), 10..15 running
        assertEquals(min(10), r.apt());
        assertEquals(min(5), r.timeByState().get(SETUP));
        assertEquals(0, r.failures());
    }

    @Test
    void noSamplesAtAllIsAllUnknownAndKpisUndefined() {
        StateTimeline.Summary r = StateTimeline.summarize(List.of(), at(0), at(60), null, min(10));
        assertEquals(min(60), r.unknown());
        assertEquals(Duration.ZERO, r.apt());
        assertEquals("no completed repairs in the window", r.mttrSeconds().reason());
        assertEquals(UNKNOWN, r.runs().getFirst().state());
    }

    @Test
    void aReasonChangeDuringDowntimeIsOneFailureSplitByReason() {
        // run 0 | down jam 10 | down motor 15 (diagnosis refined) | run 25; window [0, 30)
        List<StateSample> samples = List.of(s(0, RUNNING), s(5, RUNNING), down(10, "jam"), down(15, "motor"),
                down(20, "motor"), s(25, RUNNING));
        StateTimeline.Summary r = StateTimeline.summarize(samples, at(0), at(30), null, min(10));
        assertEquals(Map.of("jam", min(5), "motor", min(10)), r.downByReason());
        assertEquals(1, r.failures());
        assertEquals(1, r.repairs());
        assertEquals(900.0, r.mttrSeconds().value(), 1e-9); // 15 min down × 60 / 1 repair
        assertEquals(900.0, r.mtbfSeconds().value(), 1e-9); // 15 min running (0..10, 25..30) × 60 / 1 failure
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> StateTimeline.summarize(List.of(), at(1), at(1), null, min(10)));
        assertThrows(IllegalArgumentException.class,
                () -> StateTimeline.summarize(List.of(), at(0), at(1), null, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> MachineState.parse("exploded"));
        assertEquals(RUNNING, MachineState.parse(" Running "));
        assertThrows(IllegalArgumentException.class, () -> MachineState.parse("unknown"));
    }
}
