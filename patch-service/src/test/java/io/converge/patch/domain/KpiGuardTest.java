package io.converge.patch.domain;

import static io.converge.patch.domain.KpiGuard.Verdict.OK;
import static io.converge.patch.domain.KpiGuard.Verdict.PAUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.converge.patch.domain.KpiGuard.Alarm;
import io.converge.patch.domain.KpiGuard.Decision;
import io.converge.patch.domain.KpiGuard.Observation;
import io.converge.patch.domain.KpiGuard.OeeSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KpiGuardTest {

    static final UUID L1 = new UUID(0, 1);
    static final UUID L2 = new UUID(0, 2);
    static final UUID L3 = new UUID(0, 3);   // not updated: never guarded
    static final KpiGuard GUARD = new KpiGuard(0.05);
    /** The update on L1 and L2 at 10:00, observed for an hour. */
    static final Observation OBS = new Observation(Set.of(L1, L2), at("10:00"), at("11:00"));

    static Instant at(String hhmm) {
        return Instant.parse("2025-06-02T" + hhmm + ":00Z");
    }

    static OeeSample oee(UUID line, String hhmm, Double v) {
        return new OeeSample(line, at(hhmm), v);
    }

    static Map<UUID, Double> baseline(Double l1, Double l2) {
        Map<UUID, Double> m = new HashMap<>();
        m.put(L1, l1);
        m.put(L2, l2);
        m.put(L3, 0.9);
        return m;
    }

    @Test
    void dropsWithinTheMarginAreOkAndExactlyTheMarginIsOk() {
        // L1: mean(0.78, 0.74) = 0.76, drop 0.04. L2: mean(0.66, 0.64) = 0.65 (undefined ignored), drop 0.05 exactly.
        Decision d = GUARD.evaluate(OBS, baseline(0.80, 0.70), List.of(
                oee(L1, "10:05", 0.78), oee(L1, "10:10", 0.74),
                oee(L2, "10:05", 0.66), oee(L2, "10:10", null), oee(L2, "10:15", Double.NaN), oee(L2, "10:20", 0.64)),
                List.of());
        assertEquals(OK, d.verdict());
    }

    @Test
    void aMeanDropBeyondTheMarginPauses() {
        // L1: mean(0.76, 0.73) = 0.745, drop 0.055 > 0.05
        Decision d = GUARD.evaluate(OBS, baseline(0.80, 0.70),
                List.of(oee(L1, "10:05", 0.76), oee(L1, "10:35", 0.73), oee(L2, "10:05", 0.70)), List.of());
        assertEquals(PAUSE, d.verdict());
        assertEquals("KPI guard: OEE of line 00000000-0000-0000-0000-000000000001 dropped from 0.800 to 0.745 "
                + "(more than 0.050)", d.reason());
    }

    @Test
    void undefinedBaselinesAndSamplesOutsideTheLinesOrThePeriodAreIgnored() {
        List<OeeSample> bad = List.of(oee(L1, "10:05", 0.10), oee(L2, "10:05", 0.10));
        assertEquals(OK, GUARD.evaluate(OBS, baseline(null, Double.NaN), bad, List.of()).verdict());
        assertEquals(OK, GUARD.evaluate(OBS, Map.of(), bad, List.of()).verdict());
        List<OeeSample> elsewhere = List.of(
                oee(L3, "10:05", 0.10),           // a line that was not updated
                oee(L1, "09:59", 0.10),           // before the update
                oee(L1, "11:00", 0.10),           // the period is [from, to)
                oee(null, "10:05", 0.10));
        assertEquals(OK, GUARD.evaluate(OBS, baseline(0.80, 0.70), elsewhere, List.of()).verdict());
    }

    @Test
    void aNewAlarmOnAnUpdatedLinePauses() {
        List<Alarm> ignored = List.of(new Alarm(L3, at("10:30"), "other line"),
                new Alarm(L1, at("09:59"), "before the update"), new Alarm(L1, at("11:00"), "after the period"));
        assertEquals(OK, GUARD.evaluate(OBS, baseline(0.8, 0.7), List.of(), ignored).verdict());

        Decision d = GUARD.evaluate(OBS, baseline(0.8, 0.7), List.of(), List.of(
                new Alarm(L2, at("10:30"), "spindle.temp > 80"), new Alarm(L2, at("10:40"), "oee < 0.5")));
        assertEquals(PAUSE, d.verdict());
        assertEquals("KPI guard: 2 new alarms on line 00000000-0000-0000-0000-000000000002: spindle.temp > 80, "
                + "oee < 0.5", d.reason());
    }

    @Test
    void everyCauseIsNamed() {
        Decision d = GUARD.evaluate(OBS, baseline(0.80, 0.70),
                List.of(oee(L1, "10:05", 0.60), oee(L2, "10:05", 0.50)),
                List.of(new Alarm(L1, at("10:10"), "motor overload")));
        assertEquals(PAUSE, d.verdict());
        assertEquals("KPI guard: OEE of line 00000000-0000-0000-0000-000000000001 dropped from 0.800 to 0.600 "
                + "(more than 0.050); OEE of line 00000000-0000-0000-0000-000000000002 dropped from 0.700 to 0.500 "
                + "(more than 0.050); 1 new alarm on line 00000000-0000-0000-0000-000000000001: motor overload",
                d.reason());
    }

    @Test
    void marginAndPeriodAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new KpiGuard(-0.01));
        assertThrows(IllegalArgumentException.class, () -> new KpiGuard(1.5));
        assertThrows(IllegalArgumentException.class, () -> new KpiGuard(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Set.of(L1), at("10:00"), at("10:00")));
        // margin 0: any drop pauses, an unchanged OEE does not
        KpiGuard strict = new KpiGuard(0);
        assertEquals(OK, strict.evaluate(OBS, baseline(0.8, 0.7), List.of(oee(L1, "10:05", 0.8)), List.of())
                .verdict());
        assertEquals(PAUSE, strict.evaluate(OBS, baseline(0.8, 0.7), List.of(oee(L1, "10:05", 0.79)), List.of())
                .verdict());
    }
}
