package io.converge.kpi.domain;

import static io.converge.kpi.domain.StateTimelineTest.at;
import static io.converge.kpi.domain.StateTimelineTest.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.kpi.domain.Counters.ResetPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountersTest {

    static final double EPS = 1e-9;

    static CounterSample c(int minute, double v) {
        return new CounterSample(at(minute), v);
    }

    @Test
    void windowEdgesAreInterpolatedLinearly() {
        // 0:100, 10:160, 20:220; window [5, 15): counter at 5 = 130, at 15 = 190 → 60
        List<CounterSample> s = List.of(c(0, 100), c(10, 160), c(20, 220));
        Counters.Delta d = Counters.delta(s, at(5), at(15), ResetPolicy.POST_RESET_VALUE, min(15));
        assertEquals(60.0, d.delta(), EPS); // 60 × 5/10 + 60 × 5/10
        assertFalse(d.partial());
        assertEquals(0, d.resets());
    }

    @Test
    void resetTakesThePostResetValueAsTheIncrement() {
        // 0:100, 10:150, 20:30 (reset), 30:90; window [0, 30)
        List<CounterSample> s = List.of(c(0, 100), c(10, 150), c(20, 30), c(30, 90));
        Counters.Delta post = Counters.delta(s, at(0), at(30), ResetPolicy.POST_RESET_VALUE, min(15));
        assertEquals(140.0, post.delta(), EPS); // 50 + 30 (since reset) + 60
        assertEquals(1, post.resets());
        Counters.Delta ignore = Counters.delta(s, at(0), at(30), ResetPolicy.IGNORE, min(15));
        assertEquals(110.0, ignore.delta(), EPS); // 50 + 0 + 60
    }

    @Test
    void lateSamplesAreSortedInsteadOfLookingLikeResets() {
        // arrival order 0:100, 20:300, 10:200 (late). Unsorted, 300 → 200 would look like a reset.
        List<CounterSample> s = List.of(c(0, 100), c(20, 300), c(10, 200));
        Counters.Delta d = Counters.delta(s, at(0), at(20), ResetPolicy.POST_RESET_VALUE, min(15));
        assertEquals(200.0, d.delta(), EPS); // 300 − 100
        assertEquals(0, d.resets());
        // a duplicate timestamp: the later-received value wins (10:200 corrected to 10:250)
        List<CounterSample> corrected = List.of(c(0, 100), c(10, 200), c(20, 300), c(10, 250));
        Counters.Delta w = Counters.delta(corrected, at(0), at(10), ResetPolicy.POST_RESET_VALUE, min(15));
        assertEquals(150.0, w.delta(), EPS); // 250 − 100
    }

    @Test
    void windowEdgesWithoutSamplesAreReportedAsUncovered() {
        // samples only 10:0 and 20:10, window [0, 30) → delta 10, 20 min uncovered (a lower bound)
        List<CounterSample> s = List.of(c(10, 0), c(20, 10));
        Counters.Delta d = Counters.delta(s, at(0), at(30), ResetPolicy.POST_RESET_VALUE, min(15));
        assertEquals(10.0, d.delta(), EPS);
        assertEquals(min(20), d.uncovered());
        assertTrue(d.partial());
    }

    @Test
    void gapsAreCountedButReported() {
        // 0:0, 30:30 with max gap 15 min → the 30 is still counted (the meter counted it), the gap is reported
        List<CounterSample> s = List.of(c(0, 0), c(30, 30), c(35, 35));
        Counters.Delta d = Counters.delta(s, at(0), at(35), ResetPolicy.POST_RESET_VALUE, min(15));
        assertEquals(35.0, d.delta(), EPS);
        assertEquals(List.of(new Interval(at(0), at(30))), d.gaps());
        // half the gap in the window: 30 × 15/30 = 15
        assertEquals(15.0, Counters.delta(s, at(0), at(15), ResetPolicy.POST_RESET_VALUE, min(15)).delta(), EPS);
    }

    @Test
    void noSamplesGiveZeroAndFullyUncovered() {
        Counters.Delta d = Counters.delta(List.of(), at(0), at(10), ResetPolicy.POST_RESET_VALUE, Duration.ZERO);
        assertEquals(0.0, d.delta(), EPS);
        assertEquals(min(10), d.uncovered());
    }
}
