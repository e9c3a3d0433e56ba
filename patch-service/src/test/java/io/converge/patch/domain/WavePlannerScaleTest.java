package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.patch.domain.PlanSpec.Percent;
import io.converge.patch.domain.WavePlan.Wave;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The planner test: 100,000 targets in under 3 s, with the invariants checked on the result. */
class WavePlannerScaleTest {

    static final int LINES = 500;
    static final int PER_LINE = 200;
    static final double SHARE = 0.34;

    static List<Target> targets() {
        Random rnd = new Random(42);
        Criticality[] cs = Criticality.values();
        List<Target> ts = new ArrayList<>(LINES * PER_LINE);
        for (int l = 0; l < LINES; l++) {
            UUID line = new UUID(l * 31L + 7, l);
            UUID site = new UUID(1, l / 50);
            for (int i = 0; i < PER_LINE; i++) {
                // mixed criticality, skewed to low: 40 % low, 30 % medium, 20 % high, 10 % critical
                int r = rnd.nextInt(10);
                Criticality c = cs[r < 4 ? 0 : r < 7 ? 1 : r < 9 ? 2 : 3];
                ts.add(new Target(new UUID(l, i), "L" + l + "-D" + i, site, line, "S7-1500", "2.9.1", c, null, null));
            }
        }
        return ts;
    }

    @Test
    void plansOneHundredThousandTargetsInUnderThreeSeconds() {
        List<Target> ts = targets();
        PlanSpec spec = new PlanSpec(new Percent(1), List.of(10.0, 30.0, 60.0), SHARE);
        long t0 = System.nanoTime();
        WavePlan plan = WavePlanner.plan(ts, spec);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("planned %d targets into %d waves %s in %d ms%n", ts.size(), plan.waves().size(),
                plan.waves().stream().map(Wave::size).toList(), ms);
        assertTrue(ms < 3000, "planning took " + ms + " ms");

        // every target exactly once
        assertEquals(ts.size(), plan.targetCount());
        Set<UUID> seen = new HashSet<>();
        for (Wave w : plan.waves()) {
            for (Target t : w.targets()) {
                assertTrue(seen.add(t.assetId()), "twice: " + t.tag());
            }
        }
        assertEquals(ts.size(), seen.size());

        // canary: 1 % = 1000, all low, spread across lines (at most 2 per line: 500 lines, 1000 devices)
        Wave canary = plan.waves().getFirst();
        assertEquals("canary", canary.name());
        assertEquals(1000, canary.size());
        assertTrue(canary.targets().stream().allMatch(t -> t.criticality() == Criticality.LOW));
        Map<UUID, Integer> canaryPerLine = perLine(canary);
        assertEquals(LINES, canaryPerLine.size());
        assertTrue(canaryPerLine.values().stream().allMatch(n -> n == 2));

        // line share in every wave: 68 of a line's 200
        int cap = WavePlanner.lineCap(SHARE, PER_LINE);
        assertEquals(68, cap);
        for (Wave w : plan.waves()) {
            for (int n : perLine(w).values()) {
                assertTrue(n <= cap, w.name() + " holds " + n + " of one line");
            }
        }

        // criticality non-decreasing across waves, except a lower target pushed back by its line's share:
        // whenever a later wave holds a target less critical than something in wave k, its line was full in wave k
        for (int k = 0; k < plan.waves().size(); k++) {
            Wave w = plan.waves().get(k);
            Criticality max = w.targets().stream().map(Target::criticality).max(Criticality::compareTo).orElseThrow();
            Map<UUID, Integer> used = perLine(w);
            for (int j = k + 1; j < plan.waves().size(); j++) {
                for (Target later : plan.waves().get(j).targets()) {
                    if (later.criticality().compareTo(max) < 0) {
                        assertEquals(cap, used.getOrDefault(later.lineId(), 0),
                                later.tag() + " (" + later.criticality() + ") behind a " + max + " in " + w.name());
                    }
                }
            }
        }
        // planned sizes: R = 99,000 → 9,900, then 29,700 more, then the rest, capped per line; trailing waves after
        assertEquals(9_900, plan.waves().get(1).size());
        assertTrue(plan.waves().size() >= 5, "a line of 200 at 0.34 needs ≥ 3 waves after the canary's 2");
    }

    static Map<UUID, Integer> perLine(Wave w) {
        Map<UUID, Integer> m = new HashMap<>();
        for (Target t : w.targets()) {
            m.merge(t.lineId(), 1, Integer::sum);
        }
        return m;
    }
}
