package io.converge.patch.domain;

import static io.converge.patch.domain.Criticality.CRITICAL;
import static io.converge.patch.domain.Criticality.HIGH;
import static io.converge.patch.domain.Criticality.LOW;
import static io.converge.patch.domain.Criticality.MEDIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.patch.domain.PlanSpec.Devices;
import io.converge.patch.domain.PlanSpec.Percent;
import io.converge.patch.domain.WavePlan.Wave;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WavePlannerTest {

    static final UUID LINE_A = new UUID(0, 1);
    static final UUID LINE_B = new UUID(0, 2);

    static Target t(String tag, UUID line, Criticality c) {
        return new Target(UUID.nameUUIDFromBytes(tag.getBytes()), tag, new UUID(9, 9), line, "S7-1500", "2.9.1", c,
                null, null);
    }

    static List<List<String>> tags(WavePlan plan) {
        return plan.waves().stream().map(w -> w.targets().stream().map(Target::tag).toList()).toList();
    }

    static List<String> names(WavePlan plan) {
        return plan.waves().stream().map(Wave::name).toList();
    }

    @Test
    void handComputedPlanWithCanarySpreadAcrossLines() {
        List<Target> ts = new ArrayList<>(List.of(
                t("a1", LINE_A, LOW), t("a2", LINE_A, LOW), t("a3", LINE_A, MEDIUM), t("a4", LINE_A, HIGH),
                t("b1", LINE_B, LOW), t("b2", LINE_B, MEDIUM), t("b3", LINE_B, MEDIUM), t("b4", LINE_B, CRITICAL),
                t("n1", null, LOW), t("n2", null, HIGH)));
        Collections.shuffle(ts, new Random(7));
        // share 0.5 → 2 per line per wave. Order: LOW a1 a2 b1 n1 | MEDIUM a3 b2 b3 | HIGH a4 n2 | CRITICAL b4.
        // Canary (2): 1st LOW of each line → a1, b1 (not a1, a2). R = 8; [50, 50] → cumulative 4, 8.
        WavePlan plan = WavePlanner.plan(ts, new PlanSpec(new Devices(2), List.of(50.0, 50.0), 0.5));
        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "n1", "a3", "b2"), List.of("b3", "a4", "n2", "b4")),
                tags(plan));
        assertEquals(List.of("canary", "wave-1", "wave-2"), names(plan));
        assertEquals(List.of(0, 1, 2), plan.waves().stream().map(Wave::index).toList());
        assertEquals(10, plan.targetCount());
    }

    @Test
    void lineSharePushesDevicesIntoTrailingWaves() {
        // one line of 6, share 0.34 → floor(2.04) = 2 per wave. Canary t1; R = 5, [100] → quota 5, but only 2 fit.
        List<Target> ts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ts.add(t("t" + i, LINE_A, LOW));
        }
        WavePlan plan = WavePlanner.plan(ts, new PlanSpec(new Devices(1), List.of(100.0), 0.34));
        assertEquals(List.of(List.of("t1"), List.of("t2", "t3"), List.of("t4", "t5"), List.of("t6")), tags(plan));
        assertEquals(List.of("canary", "wave-1", "wave-2", "wave-3"), names(plan));
    }

    @Test
    void shortfallCarriesOverAndALowerCriticalityMayBePushedBehindAHigherOne() {
        // A: 3 LOW, B: 3 HIGH; share 0.34 → max(1, floor(1.02)) = 1 per line per wave.
        // Canary 10 % of 6 = ceil(0.6) = 1 → a1. R = 5; [40, 60] → cumulative ceil(2) = 2, 5.
        // wave-1 (quota 2): a2, a3 skipped (A full), b1. wave-2 (quota 3): a3, b2, b3 skipped → 2 only.
        // trailing wave-3: b3.
        List<Target> ts = List.of(t("a1", LINE_A, LOW), t("a2", LINE_A, LOW), t("a3", LINE_A, LOW),
                t("b1", LINE_B, HIGH), t("b2", LINE_B, HIGH), t("b3", LINE_B, HIGH));
        WavePlan plan = WavePlanner.plan(ts, new PlanSpec(new Percent(10), List.of(40.0, 60.0), 0.34));
        assertEquals(List.of(List.of("a1"), List.of("a2", "b1"), List.of("a3", "b2"), List.of("b3")), tags(plan));
    }

    @Test
    void smallLinesStillProgressOneDevicePerWave() {
        // line A of 2 and line B of 1 at share 0.34: floor(0.68) = 0 and floor(0.34) = 0 → both capped at 1
        assertEquals(1, WavePlanner.lineCap(0.34, 1));
        assertEquals(1, WavePlanner.lineCap(0.34, 2));
        assertEquals(68, WavePlanner.lineCap(0.34, 200));
        assertEquals(3, WavePlanner.lineCap(0.1, 30));    // 0.1 × 30 = 3.0000000000000004 or 2.9999…: 3
        List<Target> ts = List.of(t("a1", LINE_A, LOW), t("a2", LINE_A, LOW), t("b1", LINE_B, LOW));
        WavePlan plan = WavePlanner.plan(ts, new PlanSpec(new Devices(2), List.of(100.0), 0.34));
        // canary round robin: a1, b1; wave-1: a2
        assertEquals(List.of(List.of("a1", "b1"), List.of("a2")), tags(plan));
    }

    @Test
    void roundingOfWavePercentsAndEmptyQuotasAreLeftOut() {
        List<Target> six = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            six.add(t("n" + i, null, LOW));
        }
        // R = 5, [10, 30, 60] → cumulative ceil(0.5) = 1, ceil(2) = 2, 5 → sizes 1, 1, 3
        WavePlan plan = WavePlanner.plan(six, new PlanSpec(new Devices(1), List.of(10.0, 30.0, 60.0), 0.34));
        assertEquals(List.of(1, 1, 1, 3), plan.waves().stream().map(Wave::size).toList());
        // R = 1 → cumulative 1, 1, 1: waves 2 and 3 would be empty and are left out
        WavePlan tiny = WavePlanner.plan(six.subList(0, 2), new PlanSpec(new Devices(1), List.of(10.0, 30.0, 60.0),
                1.0));
        assertEquals(List.of("canary", "wave-1"), names(tiny));
        // 10 % of 30 is exactly 3 (no floating-point ceil to 4)
        List<Target> thirty = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            thirty.add(t(String.format("m%02d", i), null, MEDIUM));
        }
        assertEquals(3, WavePlanner.plan(thirty, new PlanSpec(new Percent(10), List.of(100.0), 1)).waves().get(0)
                .size());
    }

    @Test
    void edgeCases() {
        assertTrue(WavePlanner.plan(List.of(), new PlanSpec(new Devices(5), List.of(100.0), 0.34)).waves().isEmpty());
        // canary larger than the targets: all in the canary, no other wave
        WavePlan all = WavePlanner.plan(List.of(t("x", null, LOW), t("y", null, HIGH)),
                new PlanSpec(new Devices(10), List.of(100.0), 0.34));
        assertEquals(List.of(List.of("x", "y")), tags(all));
        // a percent canary of a single target is 1
        assertEquals(1, new Percent(0.5).size(1));
        assertEquals(0, new Percent(0.5).size(0));
    }

    @Test
    void specIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new PlanSpec(new Devices(1), List.of(10.0, 30.0), 0.34));
        assertThrows(IllegalArgumentException.class, () -> new PlanSpec(new Devices(1), List.of(), 0.34));
        assertThrows(IllegalArgumentException.class, () -> new PlanSpec(new Devices(1), List.of(-10.0, 110.0), 0.3));
        assertThrows(IllegalArgumentException.class, () -> new PlanSpec(new Devices(1), List.of(100.0), 0));
        assertThrows(IllegalArgumentException.class, () -> new PlanSpec(new Devices(1), List.of(100.0), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new PlanSpec(null, List.of(100.0), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Devices(0));
        assertThrows(IllegalArgumentException.class, () -> new Percent(0));
        assertThrows(IllegalArgumentException.class, () -> new Percent(101));
        // 33.3 + 33.3 + 33.4 is 100 within rounding
        assertEquals(3, new PlanSpec(new Devices(1), List.of(33.3, 33.3, 33.4), 0.5).wavePercents().size());
    }
}
