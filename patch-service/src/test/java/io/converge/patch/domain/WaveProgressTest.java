package io.converge.patch.domain;

import static io.converge.patch.domain.WaveProgress.Verdict.ADVANCE;
import static io.converge.patch.domain.WaveProgress.Verdict.PAUSE;
import static io.converge.patch.domain.WaveProgress.Verdict.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.converge.patch.domain.WaveProgress.Decision;
import io.converge.patch.domain.WaveProgress.Tally;
import io.converge.patch.domain.WaveProgress.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveProgressTest {

    /** 20 devices, advance at 90 % (18 succeeded), pause at 10 % (2 errors). */
    static final Thresholds T = new Thresholds(90, 10);

    static Decision decide(int pending, int inProgress, int ok, int failed, int timedOut) {
        return WaveProgress.decide(new Tally(pending, inProgress, ok, failed, timedOut), T);
    }

    @Test
    void successThresholdBoundary() {
        assertEquals(WAIT, decide(0, 3, 17, 0, 0).verdict());   // 17/20 = 85 % < 90 %
        Decision d = decide(0, 2, 18, 0, 0);                     // 18/20 = 90 % = threshold → advance
        assertEquals(ADVANCE, d.verdict());
        assertEquals("success threshold reached: 18 of 20 devices succeeded (90 %, threshold 90 %)", d.reason());
        assertEquals(ADVANCE, decide(0, 1, 18, 1, 0).verdict()); // one error (5 %) is below the error threshold
    }

    @Test
    void errorThresholdBoundaryCountsFailedAndTimedOut() {
        assertEquals(WAIT, decide(5, 5, 9, 1, 0).verdict());       // 1/20 = 5 % < 10 %
        Decision d = decide(5, 5, 8, 1, 1);                         // 2/20 = 10 % → emergency stop
        assertEquals(PAUSE, d.verdict());
        assertEquals("error threshold reached: 2 of 20 devices failed or timed out (10 %, threshold 10 %)",
                d.reason());
        assertEquals(PAUSE, decide(0, 0, 18, 0, 2).verdict());      // the error check wins over a met success
    }

    @Test
    void pausesWhenSuccessCanNoLongerBeReached() {
        // 100 % success required, 50 % errors allowed: one failure of 10 makes advancing impossible
        Thresholds strict = new Thresholds(100, 50);
        Decision d = WaveProgress.decide(new Tally(4, 0, 5, 1, 0), strict);
        assertEquals(PAUSE, d.verdict());
        assertEquals("success threshold 100 % can no longer be reached: at most 9 of 10 devices can succeed",
                d.reason());
        // 80 % of 10: 2 failed, 8 still possible → wait; a 3rd failure → pause (errors 30 % < 50 %)
        Thresholds eighty = new Thresholds(80, 50);
        assertEquals(WAIT, WaveProgress.decide(new Tally(3, 0, 5, 2, 0), eighty).verdict());
        assertEquals(PAUSE, WaveProgress.decide(new Tally(2, 0, 5, 3, 0), eighty).verdict());
    }

    @Test
    void fractionalThresholdsAndSmallWaves() {
        // 3 devices, success 66.7 %: 2/3 = 66.67 % < 66.7 → wait; errors 1/3 = 33.3 % < 34 %
        Thresholds th = new Thresholds(66.7, 34);
        assertEquals(WAIT, WaveProgress.decide(new Tally(0, 1, 2, 0, 0), th).verdict());
        assertEquals(ADVANCE, WaveProgress.decide(new Tally(0, 0, 3, 0, 0), th).verdict());
        // a canary of 1 device with the default 10 % error threshold: its failure pauses
        assertEquals(PAUSE, WaveProgress.decide(new Tally(0, 0, 0, 1, 0), T).verdict());
        assertEquals(WAIT, WaveProgress.decide(new Tally(1, 0, 0, 0, 0), T).verdict());
        assertEquals(ADVANCE, WaveProgress.decide(new Tally(0, 0, 0, 0, 0), T).verdict());
    }

    @Test
    void tallyCountsOutcomesAndThresholdsAreValidated() {
        Tally t = Tally.of(List.of(DeviceOutcome.PENDING, DeviceOutcome.SUCCEEDED, DeviceOutcome.SUCCEEDED,
                DeviceOutcome.TIMED_OUT, DeviceOutcome.IN_PROGRESS, DeviceOutcome.FAILED));
        assertEquals(new Tally(1, 1, 2, 1, 1), t);
        assertEquals(6, t.size());
        assertEquals(2, t.errors());
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(90, 100.5));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new Tally(-1, 0, 0, 0, 0));
    }
}
