package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OeeTest {

    private static final double EPS = 1e-9;

    @Test
    void workedExampleOfAnEightHourShift() {
        // PBT 8 h = 28 800 s, APT 400 min = 24 000 s, PRI 60 s, PQ 360, GQ 342
        Oee.Result r = Oee.compute(new Oee.Inputs(Duration.ofHours(8), Duration.ofMinutes(400), 360, 342,
                Duration.ofSeconds(60)));
        assertEquals(24_000.0 / 28_800.0, r.availability().value(), EPS); // A = 24000 / 28800 = 0.8333…
        assertEquals(0.9, r.effectiveness().value(), EPS);                // E = 60 × 360 / 24000 = 21600 / 24000
        assertEquals(0.95, r.quality().value(), EPS);                     // Q = 342 / 360
        assertEquals(0.7125, r.oee().value(), EPS);                       // 0.8333… × 0.9 × 0.95 = 0.7125
        // cross-check: OEE = valuable time / PBT = GQ × PRI / PBT = 342 × 60 / 28800 = 20520 / 28800 = 0.7125
        assertEquals(2_400.0, r.speedLossSeconds(), EPS);                 // 24000 − 60 × 360 = 2400 s = 40 min
        assertEquals(1_080.0, r.qualityLossSeconds(), EPS);               // (360 − 342) × 60 = 1080 s = 18 min
        assertFalse(r.effectivenessAboveOne());
    }

    @Test
    void effectivenessAboveOneIsKeptRawAndFlagged() {
        // APT 100 s, PRI 2 s, PQ 60 → E = 2 × 60 / 100 = 1.2
        Oee.Result r = Oee.compute(new Oee.Inputs(Duration.ofSeconds(200), Duration.ofSeconds(100), 60, 60,
                Duration.ofSeconds(2)));
        assertEquals(1.2, r.effectiveness().value(), EPS);
        assertTrue(r.effectivenessAboveOne());
        assertEquals(-20.0, r.speedLossSeconds(), EPS);  // 100 − 2 × 60 = −20
        assertEquals(0.6, r.oee().value(), EPS);          // A = 100/200 = 0.5; 0.5 × 1.2 × 1 = 0.6
    }

    @Test
    void fractionalCycleTime() {
        // PRI 1.5 s, PQ 100, APT 200 s → E = 150 / 200 = 0.75; PBT 250 s → A = 0.8; GQ 90 → Q = 0.9
        Oee.Result r = Oee.compute(new Oee.Inputs(Duration.ofSeconds(250), Duration.ofSeconds(200), 100, 90,
                Duration.ofMillis(1500)));
        assertEquals(0.75, r.effectiveness().value(), EPS);
        assertEquals(0.54, r.oee().value(), EPS);       // 0.8 × 0.75 × 0.9 = 0.54
        assertEquals(15.0, r.qualityLossSeconds(), EPS); // (100 − 90) × 1.5 = 15 s
    }

    @Test
    void zeroPbtIsUndefinedWithReasonNeverNaN() {
        Oee.Result r = Oee.compute(new Oee.Inputs(Duration.ZERO, Duration.ZERO, 0, 0, Duration.ofSeconds(1)));
        assertNull(r.availability().value());
        assertEquals("PBT is 0", r.availability().reason());
        assertEquals("APT is 0", r.effectiveness().reason());
        assertEquals("PQ is 0", r.quality().reason());
        assertNull(r.oee().value());
        assertEquals("PBT is 0", r.oee().reason()); // the first undefined factor explains OEE
    }

    @Test
    void zeroProducedQuantityLeavesAandEDefined() {
        // PBT 100 s, APT 50 s, PQ 0 → A = 0.5, E = 0 / 50 = 0, Q undefined, OEE undefined
        Oee.Result r = Oee.compute(new Oee.Inputs(Duration.ofSeconds(100), Duration.ofSeconds(50), 0, 0,
                Duration.ofSeconds(1)));
        assertEquals(0.5, r.availability().value(), EPS);
        assertEquals(0.0, r.effectiveness().value(), EPS);
        assertEquals("PQ is 0", r.quality().reason());
        assertEquals("PQ is 0", r.oee().reason());
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Oee.Inputs(Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new Oee.Inputs(Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Oee.Inputs(Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Oee.Inputs(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Double.NaN, 0, Duration.ofSeconds(1)));
    }

    @Test
    void kpiValueNeverHoldsNonFiniteNumbers() {
        assertEquals("x", KpiValue.of(Double.POSITIVE_INFINITY, "x").reason());
        assertEquals("d", KpiValue.ratio(0, 0, "d").reason());
        assertThrows(IllegalArgumentException.class, () -> new KpiValue(Double.NaN, null));
        assertThrows(IllegalArgumentException.class, () -> new KpiValue(null, " "));
        assertEquals(6.0, KpiValue.product(KpiValue.of(2), KpiValue.of(3)).value(), EPS);
    }
}
