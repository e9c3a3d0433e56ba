package io.converge.simulator.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantTest {

    static Plant.Spec spec(int sites, int lines, int machines) {
        return new Plant.Spec(sites, lines, machines, 2, List.of(Transport.JSON, Transport.SPARKPLUG, Transport.HTTP),
                1200, 180, 0.02, "DRV-L1-01", 1.0, 3.0, 9.0, 42);
    }

    @Test
    void laysOutTheDemoPlantTags() {
        Plant p = Plant.build(spec(2, 3, 2));
        assertEquals(6, p.lines().size());
        Line l4 = p.lines().get(3);
        assertEquals(4, l4.number());
        assertEquals("ACME-P2", l4.site());
        assertEquals("L4-EDGE", l4.edgeNode());
        assertEquals(List.of("PLC-L4-01", "PLC-L4-02", "DRV-L4-01", "DRV-L4-02", "MTR-L4-01"), l4.tags());
        assertEquals(Transport.JSON, p.lines().get(0).transport());
        assertEquals(Transport.SPARKPLUG, p.lines().get(1).transport());
        assertEquals(Transport.HTTP, p.lines().get(2).transport());
        assertEquals(Transport.JSON, l4.transport());
        assertEquals(30, p.tags().size());
        assertTrue(p.lines().get(0).drives().get(0).degrading());
        assertEquals(1, p.lines().stream().flatMap(l -> l.drives().stream()).filter(Vibration::degrading).count());
    }

    @Test
    void machinesRunCloseToTheirLinesIdealCycle() {
        Plant p = Plant.build(spec(1, 2, 3));
        for (Line l : p.lines()) {
            double ideal = Plant.idealCycleSeconds(l.number());
            for (Machine m : l.machines()) {
                double speed = ideal / m.profile().cycleSeconds();
                assertTrue(speed >= 0.93 && speed <= 0.98, m.tag() + " speed " + speed);
            }
        }
        assertEquals(0.12, Plant.idealCycleSeconds(1));
        assertEquals(0.12, Plant.idealCycleSeconds(7));
    }

    @Test
    void theSameSeedGivesTheSamePlant() {
        Plant a = Plant.build(spec(1, 1, 2));
        Plant b = Plant.build(spec(1, 1, 2));
        a.advance(5000);
        b.advance(5000);
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        assertEquals(a.readings(t).get(0).stream().filter(r -> !r.metric().equals(Metrics.VIBRATION)).toList(),
                b.readings(t).get(0).stream().filter(r -> !r.metric().equals(Metrics.VIBRATION)).toList());
    }

    @Test
    void aLineReportsEveryMachineDriveAndTheMeterPower() {
        Plant p = Plant.build(spec(1, 1, 2));
        p.advance(10);
        List<Reading> r = p.readings(Instant.EPOCH).get(0);
        assertEquals(2, r.stream().filter(x -> x.metric().equals(Metrics.STATE)).count());
        assertEquals(2, r.stream().filter(x -> x.metric().equals(Metrics.VIBRATION)).count());
        double kw = p.lines().get(0).machines().stream().mapToDouble(Machine::powerKw).sum();
        Reading meter = r.stream().filter(x -> x.metric().equals(Metrics.POWER)).findFirst().orElseThrow();
        assertEquals("MTR-L1-01", meter.asset());
        assertEquals(kw, (Double) meter.value(), 0.01);
    }

    @Test
    void refusesImpossibleLayouts() {
        assertThrows(IllegalArgumentException.class, () -> spec(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> spec(10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Plant.Spec(1, 1, 1, 0, List.of(), 1, 1, 0, "x", 0, 3,
                9, 1));
    }
}
