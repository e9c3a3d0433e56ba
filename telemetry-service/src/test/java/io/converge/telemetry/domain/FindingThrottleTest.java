package io.converge.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.domain.FindingThrottle.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingThrottleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String UNKNOWN = "unknown-device";
    private static final String QUARANTINED = "telemetry-from-quarantined-asset";

    private final FindingThrottle throttle = new FindingThrottle(Duration.ofMinutes(1));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void firstReportIsImmediateWithItsCount() {
        Report r = throttle.record("PLC-9", UNKNOWN, 3, T0).orElseThrow();
        assertEquals(new Report("PLC-9", UNKNOWN, T0, T0, 3), r);
    }

    @Test
    void reportsWithinTheIntervalAreSuppressed() {
        assertTrue(throttle.record("PLC-9", UNKNOWN, 1, at(0)).isPresent());
        assertEquals(Optional.empty(), throttle.record("PLC-9", UNKNOWN, 1, at(1)));
        assertEquals(Optional.empty(), throttle.record("PLC-9", UNKNOWN, 5, at(59)));
    }

    @Test
    void suppressedCountIsCarriedIntoTheNextReport() {
        throttle.record("PLC-9", UNKNOWN, 2, at(0));
        throttle.record("PLC-9", UNKNOWN, 4, at(10));
        throttle.record("PLC-9", UNKNOWN, 1, at(50));
        Report r = throttle.record("PLC-9", UNKNOWN, 3, at(70)).orElseThrow();
        assertEquals(8, r.count(), "4 + 1 suppressed + 3 now; the 2 of the first report are not counted again");
        assertEquals(at(10), r.firstSeen(), "first suppressed occurrence");
        assertEquals(at(70), r.lastSeen());
    }

    @Test
    void intervalBoundaryIsDue() {
        throttle.record("PLC-9", UNKNOWN, 1, at(0));
        assertEquals(Optional.empty(), throttle.record("PLC-9", UNKNOWN, 1, at(60).minusMillis(1)));
        Report r = throttle.record("PLC-9", UNKNOWN, 1, at(60)).orElseThrow();
        assertEquals(2, r.count());
    }

    @Test
    void intervalRunsFromTheLastReportNotTheLastOccurrence() {
        throttle.record("PLC-9", UNKNOWN, 1, at(0));
        throttle.record("PLC-9", UNKNOWN, 1, at(55));
        assertTrue(throttle.record("PLC-9", UNKNOWN, 1, at(61)).isPresent(), "61 s after the report at 0");
        assertEquals(Optional.empty(), throttle.record("PLC-9", UNKNOWN, 1, at(100)));
        Report next = throttle.record("PLC-9", UNKNOWN, 1, at(121)).orElseThrow();
        assertEquals(2, next.count());
        assertEquals(at(100), next.firstSeen());
    }

    @Test
    void aQuietKeyReportsAfreshAfterTheInterval() {
        throttle.record("PLC-9", UNKNOWN, 5, at(0));
        Report r = throttle.record("PLC-9", UNKNOWN, 2, at(600)).orElseThrow();
        assertEquals(new Report("PLC-9", UNKNOWN, at(600), at(600), 2), r);
    }

    @Test
    void keysAreIndependentPerTagAndKind() {
        assertTrue(throttle.record("PLC-9", UNKNOWN, 1, at(0)).isPresent());
        assertTrue(throttle.record("PLC-8", UNKNOWN, 1, at(1)).isPresent(), "another tag");
        assertTrue(throttle.record("PLC-9", QUARANTINED, 1, at(2)).isPresent(), "another kind");
        assertEquals(Optional.empty(), throttle.record("PLC-8", UNKNOWN, 1, at(3)));
        assertEquals(Optional.empty(), throttle.record("PLC-9", QUARANTINED, 1, at(4)));
    }

    @Test
    void tagAndKindDoNotCollideByConcatenation() {
        assertTrue(throttle.record("b", "a", 1, at(0)).isPresent());
        assertTrue(throttle.record("", "ab", 1, at(0)).isPresent());
    }

    @Test
    void manyKeysStayBoundedWithoutLosingPendingCounts() {
        FindingThrottle t = new FindingThrottle(Duration.ofMinutes(1));
        t.record("KEEP", UNKNOWN, 1, at(0));
        t.record("KEEP", UNKNOWN, 7, at(1)); // pending, not yet reported
        for (int i = 0; i < 100_002; i++) {
            t.record("SCAN-" + i, UNKNOWN, 1, at(2));
        }
        Report r = t.record("KEEP", UNKNOWN, 1, at(61)).orElseThrow();
        assertEquals(8, r.count(), "the pruning forgets only keys with nothing pending");
        assertTrue(t.record("SCAN-5", UNKNOWN, 1, at(3)).isPresent(), "a pruned key reports again");
    }
}
