package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowClockTest {

    static final Instant T = Instant.parse("2026-03-02T06:10:00Z");
    static final WindowClock CLOCK = new WindowClock(Duration.ofSeconds(30), Duration.ofMinutes(15),
            Duration.ofMinutes(5), Duration.ofMinutes(10));

    @Test
    void latenessIsMeasuredFromTheAssetsLatestSample() {
        assertFalse(CLOCK.tooLate(T.minus(Duration.ofMinutes(15)), T));
        assertTrue(CLOCK.tooLate(T.minus(Duration.ofMinutes(15)).minusMillis(1), T));
        assertFalse(CLOCK.tooLate(Instant.EPOCH, null), "the first sample of an asset is never late");
    }

    @Test
    void watermarkIsTheClockMinusTheCloseDelayOrPlusTheMaxGapWhenIdle() {
        Instant now = T.plusSeconds(60);
        assertEquals(T.minusSeconds(30), CLOCK.watermark(T, now.minusSeconds(10), now));
        assertEquals(T.plus(Duration.ofMinutes(10)), CLOCK.watermark(T, now.minus(Duration.ofMinutes(6)), now));
    }

    @Test
    void splitTakesTheClosedWindowsAndLeavesTheRest() {
        // dirty 06:03:20–06:12:00, 1-min windows, watermark 06:09:30 → closed 06:03–06:09, open from 06:09
        var s = WindowClock.split(Instant.parse("2026-03-02T06:03:20Z"), Instant.parse("2026-03-02T06:12:00Z"),
                Duration.ofMinutes(1), T.minusSeconds(30));
        assertEquals(Instant.parse("2026-03-02T06:03:00Z"), s.closedFrom());
        assertEquals(Instant.parse("2026-03-02T06:09:00Z"), s.closedTo());
        assertEquals(Instant.parse("2026-03-02T06:09:00Z"), s.openFrom());
        assertEquals(6, s.windows(Duration.ofMinutes(1)).size());
        // a 1-h window over the same range is not closed yet
        var h = WindowClock.split(Instant.parse("2026-03-02T06:03:20Z"), Instant.parse("2026-03-02T06:12:00Z"),
                Duration.ofHours(1), T.minusSeconds(30));
        assertFalse(h.hasClosed());
        assertEquals(Instant.parse("2026-03-02T06:00:00Z"), h.openFrom());
        // everything closed: nothing left
        var all = WindowClock.split(Instant.parse("2026-03-02T06:00:00Z"), Instant.parse("2026-03-02T06:02:00Z"),
                Duration.ofMinutes(1), T);
        assertNull(all.openFrom());
    }
}
