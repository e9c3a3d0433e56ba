package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.kpi.domain.CrossingPredictor.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictiveTest {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);

    @Test
    void ewmaWorkedExample() {
        Ewma e = new Ewma(0.5);
        assertNull(e.value());
        assertEquals(10.0, e.update(10), 0);  // s0 = x0
        assertEquals(15.0, e.update(20), 0);  // 0.5 × 20 + 0.5 × 10
        assertEquals(17.5, e.update(20), 0);  // 0.5 × 20 + 0.5 × 15
        assertEquals(8.75, e.update(0), 0);   // 0.5 × 0 + 0.5 × 17.5
        assertThrows(IllegalArgumentException.class, () -> new Ewma(0));
        assertThrows(IllegalArgumentException.class, () -> new Ewma(1.5));
    }

    @Test
    void linearFitWorkedExample() {
        // x = 0,1,2; y = 1,2,4: x̄ = 1, ȳ = 7/3, Sxx = 2, Sxy = 3, Syy = 42/9
        LinearFit f = LinearFit.of(new double[] {0, 1, 2}, new double[] {1, 2, 4});
        assertEquals(1.5, f.slope(), 1e-12);                  // 3 / 2
        assertEquals(7.0 / 3 - 1.5, f.intercept(), 1e-12);    // ȳ − b x̄ = 0.8333…
        // SSE = Syy − b Sxy = 42/9 − 4.5 = 1/6; R² = 1 − (1/6)/(42/9) = 1 − 1/28
        assertEquals(1 - 1.0 / 28, f.r2(), 1e-12);
        // s = sqrt(SSE/(n−2)) = sqrt(1/6); SE(b) = s / sqrt(Sxx) = sqrt(1/12)
        assertEquals(Math.sqrt(1.0 / 12), f.slopeStdErr(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 1, 1},
                new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 2}, new double[] {1, 2}));
    }

    @Test
    void degradingTemperaturePredictsTheKnownCrossing() {
        // 60 °C rising 0.5 °C/h with N(0, 0.3²) noise (seed 42), a sample every 5 min for 48 h.
        // Threshold 90 °C is crossed at (90 − 60) / 0.5 = 60 h, i.e. 12 h after the last sample at 48 h.
        CrossingPredictor p = new CrossingPredictor(new CrossingPredictor.Config(0.1, 288, 90, Direction.RISING));
        Random rnd = new Random(42);
        Instant t = T0;
        int anomalies = 0;
        for (int i = 0; i <= 48 * 12; i++) {
            double hours = i / 12.0;
            var o = p.add(t, 60 + 0.5 * hours + rnd.nextGaussian() * 0.3);
            anomalies += o.anomaly() ? 1 : 0;
            t = t.plus(STEP);
        }
        Instant now = T0.plus(Duration.ofHours(48));
        CrossingPredictor.Prediction pr = p.predict(now);
        // tolerance: ±0.5 h on a 12 h horizon (about 4 %)
        assertEquals(12.0, pr.timeToCrossingHours().value(), 0.5);
        assertEquals(T0.plus(Duration.ofHours(60)).getEpochSecond(), pr.predictedCrossing().getEpochSecond(),
                1800);
        assertEquals(0.5, pr.fit().slope(), 0.05);
        assertTrue(pr.confidence() > 0.9, "clean strong trend → high confidence, was " + pr.confidence());
        assertTrue(anomalies <= 3, "Gaussian noise rarely exceeds 3σ; flagged " + anomalies);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void crossingToleranceHoldsForOtherSeeds(long seed) {
        // same series as above; without the EWMA lag correction the error would be ≈ Δ(1 − α)/α =
        // (5/60 h) × 0.9 / 0.1 = 0.75 h, outside the stated ±0.5 h tolerance
        CrossingPredictor p = new CrossingPredictor(new CrossingPredictor.Config(0.1, 288, 90, Direction.RISING));
        Random rnd = new Random(seed);
        for (int i = 0; i <= 48 * 12; i++) {
            p.add(T0.plus(STEP.multipliedBy(i)), 60 + 0.5 * (i / 12.0) + rnd.nextGaussian() * 0.3);
        }
        assertEquals(12.0, p.predict(T0.plus(Duration.ofHours(48))).timeToCrossingHours().value(), 0.5);
    }

    @Test
    void fallingSeriesAndFlatSeries() {
        // pressure 5.0 bar falling 0.1 bar/h, no noise, hourly; threshold 3.0 → crossing at 20 h
        CrossingPredictor falling = new CrossingPredictor(new CrossingPredictor.Config(1.0, 10, 3.0,
                Direction.FALLING));
        for (int h = 0; h <= 10; h++) {
            falling.add(T0.plus(Duration.ofHours(h)), 5.0 - 0.1 * h);
        }
        // α = 1 → no smoothing, no lag: (3.0 − 5.0)/(−0.1) = 20 h from start, now = 10 h → 10 h
        assertEquals(10.0, falling.predict(T0.plus(Duration.ofHours(10))).timeToCrossingHours().value(), 1e-6);

        CrossingPredictor flat = new CrossingPredictor(new CrossingPredictor.Config(0.3, 20, 90, Direction.RISING));
        Random rnd = new Random(7);
        for (int i = 0; i < 30; i++) {
            flat.add(T0.plus(STEP.multipliedBy(i)), 60 + rnd.nextGaussian() * 0.01 - 0.001 * i);
        }
        CrossingPredictor.Prediction pr = flat.predict(T0.plus(STEP.multipliedBy(30)));
        assertEquals("not trending towards the threshold", pr.timeToCrossingHours().reason());
        assertNull(pr.predictedCrossing());
    }

    @Test
    void alreadyCrossedIsZeroAndTooFewSamplesIsUndefined() {
        CrossingPredictor p = new CrossingPredictor(new CrossingPredictor.Config(1.0, 10, 1.0, Direction.RISING));
        assertEquals("fewer than 3 samples in the window", p.predict(T0).timeToCrossingHours().reason());
        for (int i = 0; i < 5; i++) {
            p.add(T0.plus(STEP.multipliedBy(i)), i);
        }
        assertEquals(0.0, p.predict(T0.plus(Duration.ofHours(1))).timeToCrossingHours().value(), 0);
    }

    @Test
    void aSpikeIsFlaggedAsAnAnomaly() {
        CrossingPredictor p = new CrossingPredictor(new CrossingPredictor.Config(0.2, 100, 200, Direction.RISING));
        Random rnd = new Random(1);
        int flagged = 0;
        for (int i = 0; i < 100; i++) {
            var o = p.add(T0.plus(STEP.multipliedBy(i)), 50 + 0.01 * i + rnd.nextGaussian() * 0.2);
            flagged += o.anomaly() ? 1 : 0;
            if (i < CrossingPredictor.MIN_SAMPLES_FOR_Z) {
                assertFalse(o.z().isDefined()); // too few samples for a z-score
            }
        }
        assertTrue(flagged <= 2, "P(|z| > 3) ≈ 0.3 % per Gaussian sample; flagged " + flagged);
        var o = p.add(T0.plus(STEP.multipliedBy(100)), 55); // ≈ +4 °C = ~20 σ
        assertTrue(o.anomaly());
        assertTrue(o.z().value() > 3);
        assertThrows(IllegalArgumentException.class, () -> p.add(T0, 1)); // out of order
    }
}
