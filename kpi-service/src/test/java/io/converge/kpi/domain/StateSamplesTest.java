package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateSamplesTest {

    static Instant at(int s) {
        return Instant.parse("2026-03-02T06:00:00Z").plusSeconds(s);
    }

    static StateSamples.Report r(int s, String text) {
        return new StateSamples.Report(at(s), text, true);
    }

    @Test
    void aReasonBelongsToTheStateReportItFollowsOrAccompanies() {
        var out = StateSamples.of(List.of(r(0, "running"), r(60, "down"), r(120, "running")),
                List.of(r(60, "jam"), r(200, "later")));
        assertNull(out.get(0).reason());
        assertEquals("jam", out.get(1).reason());
        assertEquals("later", out.get(2).reason(), "entered after the last state report: belongs to it");
    }

    @Test
    void anOperatorEnteringTheReasonLaterStillAttributesTheStop() {
        var out = StateSamples.of(List.of(r(0, "running"), r(60, "down"), r(300, "running")),
                List.of(r(90, "tool change"), r(120, "jam")));
        assertEquals("jam", out.get(1).reason(), "the latest reason while down wins");
    }

    @Test
    void offlineBadQualityAndUnknownTextsAreUnknown() {
        var out = StateSamples.of(List.of(r(0, "RUNNING"), r(10, "offline"),
                new StateSamples.Report(at(20), "running", false), r(30, " Idle ")), List.of());
        assertEquals(MachineState.RUNNING, out.get(0).state());
        assertEquals(MachineState.UNKNOWN, out.get(1).state());
        assertEquals(MachineState.UNKNOWN, out.get(2).state());
        assertEquals(MachineState.IDLE, out.get(3).state());
    }
}
