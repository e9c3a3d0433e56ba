package io.converge.simulator.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VibrationTest {

    @Test
    void theDegradingDriveRisesAtItsRateUntilItsBearingIsReplaced() {
        Vibration v = new Vibration("DRV-L1-01", 2.2, 0.05, 1.5, 9.0, 3.0, new SplittableRandom(1));
        v.advance(3600);
        assertEquals(4.5, v.level(), 1e-9);
        v.advance(2 * 3600); // 7.5
        assertTrue(v.level() > 7.1, "crossed the demo alarm threshold");
        v.advance(3600); // 9.0: replaced
        assertEquals(2.2, v.level(), 1e-9);
        assertEquals(1, v.replacements());
    }

    @Test
    void aHealthyDriveStaysAroundItsBaseline() {
        Vibration v = new Vibration("DRV-L1-02", 2.2, 0.08, 0, 9.0, 2.2, new SplittableRandom(2));
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            v.advance(2);
            sum += (Double) v.reading(Instant.EPOCH).value();
        }
        assertEquals(2.2, sum / 10_000, 0.01);
        assertEquals(2.2, v.level(), 1e-12);
        assertEquals(Metrics.VIBRATION, v.reading(Instant.EPOCH).metric());
    }

    @Test
    void samplesAreNoisyButFollowTheTrend() {
        Vibration v = new Vibration("DRV-L1-01", 2.2, 0.08, 2.0, 9.0, 3.0, new SplittableRandom(3));
        double first = 0;
        double last = 0;
        for (int i = 0; i < 100; i++) {
            first += (Double) v.reading(Instant.EPOCH).value();
        }
        v.advance(3600);
        for (int i = 0; i < 100; i++) {
            last += (Double) v.reading(Instant.EPOCH).value();
        }
        assertEquals(2.0, (last - first) / 100, 0.05);
    }

    @Test
    void theWearCycleIsTiedToTheClockSoARestartContinuesIt() {
        // 2.2 -> 9.0 at 1 mm/s per hour: a cycle of 6.8 h from the epoch
        Instant cycleStart = Instant.ofEpochSecond(6 * 24480L); // 6 whole cycles of 24,480 s
        assertEquals(2.2, Vibration.phaseLevel(2.2, 1.0, 9.0, cycleStart), 1e-9);
        assertEquals(4.2, Vibration.phaseLevel(2.2, 1.0, 9.0, cycleStart.plusSeconds(7200)), 1e-9);
        assertEquals(2.2 + 24479 / 3600.0, Vibration.phaseLevel(2.2, 1.0, 9.0, cycleStart.plusSeconds(24479)), 1e-9);
        assertEquals(2.2, Vibration.phaseLevel(2.2, 1.0, 9.0, cycleStart.plusSeconds(24480)), 1e-9);
        assertEquals(2.2, Vibration.phaseLevel(2.2, 0, 9.0, cycleStart.plusSeconds(5000)), 1e-9, "healthy: baseline");
        // a drive started from the phase level follows the same curve as the clock
        Vibration v = new Vibration("DRV-L1-01", 2.2, 0, 1.0, 9.0, Vibration.phaseLevel(2.2, 1.0, 9.0,
                cycleStart.plusSeconds(3600)), new SplittableRandom(1));
        v.advance(1800);
        assertEquals(Vibration.phaseLevel(2.2, 1.0, 9.0, cycleStart.plusSeconds(5400)), v.level(), 1e-9);
    }
}
