package io.converge.simulator.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MachineTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    /** A machine that never stops: one failure per 10^9 s. */
    private static MachineProfile steady(double cycle, double scrap) {
        return new MachineProfile(cycle, scrap, 1e9, 60, 0, 0, 20);
    }

    @Test
    void countsOnePartPerCycleWhileRunning() {
        Machine m = new Machine("PLC-L1-01", steady(0.5, 0), new SplittableRandom(1));
        m.advance(10);
        assertEquals(20, m.good());
        assertEquals(0, m.scrap());
        m.advance(0.25); // half a cycle: no part yet
        assertEquals(20, m.good());
        m.advance(0.25);
        assertEquals(21, m.good());
    }

    @Test
    void scrapShareIsRespectedOverManyParts() {
        Machine m = new Machine("PLC-L1-01", steady(1, 0.1), new SplittableRandom(7));
        m.advance(20_000);
        assertEquals(20_000, m.good() + m.scrap());
        double share = m.scrap() / 20_000.0;
        assertTrue(share > 0.09 && share < 0.11, "scrap share " + share);
    }

    @Test
    void energyIsPowerTimesTimeAndOnlyGrows() {
        Machine m = new Machine("PLC-L1-01", steady(1, 0), new SplittableRandom(1));
        m.advance(1800); // half an hour at 20 kW
        assertEquals(10.0, m.energyKwh(), 1e-9);
        m.fail("jam");
        double before = m.energyKwh();
        m.advance(30); // down draws 5 % (1 kW), so 30 s add 1/120 kWh
        assertEquals(before + 1.0 / 120, m.energyKwh(), 1e-9);
    }

    @Test
    void failsAndIsRepairedWithMeanTimesCloseToTheProfile() {
        MachineProfile p = new MachineProfile(1, 0, 600, 120, 0, 0, 10);
        Machine m = new Machine("PLC-L1-01", p, new SplittableRandom(3));
        Map<MachineState, Double> time = new EnumMap<>(MachineState.class);
        for (int i = 0; i < 2_000_000; i++) {
            time.merge(m.state(), 1.0, Double::sum);
            m.advance(1);
        }
        double availability = time.get(MachineState.RUNNING) / 2_000_000;
        assertEquals(600.0 / 720, availability, 0.02);
        assertTrue(m.failures() > 2000, "failures " + m.failures());
        assertEquals(m.failures(), 2_000_000 / 720.0, 300);
    }

    @Test
    void aStoppedMachineProducesNothingAndReportsItsReason() {
        Machine m = new Machine("PLC-L1-01", steady(1, 0), new SplittableRandom(1));
        m.fail("motor-overload");
        long good = m.good();
        m.advance(1); // repair takes at least 1 s, so still down
        assertEquals(good, m.good());
        List<Reading> r = m.readings(T);
        assertEquals("down", value(r, Metrics.STATE));
        assertEquals("motor-overload", value(r, Metrics.REASON));
        assertEquals(good, value(r, Metrics.GOOD));
        m.advance(1e6); // repaired
        assertEquals(MachineState.RUNNING, m.state());
        assertNull(value(m.readings(T), Metrics.REASON));
    }

    @Test
    void stopsAreIdleSetupOrFailuresInTheProfilesShares() {
        MachineProfile p = new MachineProfile(1, 0, 60, 60, 0.5, 0.25, 10);
        Machine m = new Machine("PLC-L1-01", p, new SplittableRandom(11));
        Map<MachineState, Integer> entered = new EnumMap<>(MachineState.class);
        MachineState last = m.state();
        for (int i = 0; i < 500_000; i++) {
            m.advance(1);
            if (m.state() != last && m.state() != MachineState.RUNNING) {
                entered.merge(m.state(), 1, Integer::sum);
            }
            last = m.state();
        }
        int stops = entered.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(0.5, entered.get(MachineState.IDLE) / (double) stops, 0.05);
        assertEquals(0.25, entered.get(MachineState.SETUP) / (double) stops, 0.05);
        assertEquals(0.25, entered.get(MachineState.DOWN) / (double) stops, 0.05);
    }

    @Test
    void countersNeverDecreaseAndTemperatureFollowsTheLoad() {
        Machine m = new Machine("PLC-L1-01", new MachineProfile(0.3, 0.05, 120, 60, 0.2, 0.1, 20),
                new SplittableRandom(5));
        long good = 0;
        long scrap = 0;
        double energy = 0;
        for (int i = 0; i < 10_000; i++) {
            m.advance(0.7);
            assertTrue(m.good() >= good && m.scrap() >= scrap && m.energyKwh() >= energy);
            good = m.good();
            scrap = m.scrap();
            energy = m.energyKwh();
            assertTrue(m.temperature() >= Machine.AMBIENT_C - 1e-9 && m.temperature() <= Machine.RUNNING_C + 1e-9);
        }
        Machine cold = new Machine("PLC-L1-02", steady(1, 0), new SplittableRandom(1));
        cold.fail("jam");
        cold.advance(0.5);
        assertTrue(cold.temperature() < Machine.RUNNING_C);
    }

    @Test
    void rejectsNegativeTimeAndBadProfiles() {
        Machine m = new Machine("PLC-L1-01", steady(1, 0), new SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> m.advance(-1));
        assertThrows(IllegalArgumentException.class, () -> new MachineProfile(0, 0, 1, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MachineProfile(1, 1.5, 1, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MachineProfile(1, 0, 1, 1, 0.7, 0.7, 1));
    }

    static Object value(List<Reading> readings, String metric) {
        return readings.stream().filter(r -> r.metric().equals(metric)).map(Reading::value).findFirst().orElse(null);
    }
}
