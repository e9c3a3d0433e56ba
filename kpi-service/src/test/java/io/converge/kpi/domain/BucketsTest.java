package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {

    static final List<Duration> WIDTHS = List.of(Duration.ofMinutes(1), Duration.ofHours(1));
    static final Instant FROM = Instant.parse("2026-03-02T06:10:00Z");
    static final Duration YEAR = Duration.ofDays(400);

    @Test
    void theLargestStoredWidthThatDividesTheBucketIsRead() {
        assertEquals(Duration.ofHours(1), Buckets.plan(FROM, FROM.plus(Duration.ofDays(1)), Duration.ofHours(1),
                WIDTHS, 10_000, YEAR).source());
        assertEquals(Duration.ofHours(1), Buckets.plan(FROM, FROM.plus(Duration.ofDays(1)), Duration.ofDays(1),
                WIDTHS, 10_000, YEAR).source());
        Buckets b = Buckets.plan(FROM, FROM.plus(Duration.ofHours(1)), Duration.ofMinutes(15), WIDTHS, 10_000, YEAR);
        assertEquals(Duration.ofMinutes(1), b.source());
        assertEquals(4, b.count());
        assertEquals(FROM, b.start());
        assertEquals(2, b.indexOf(FROM.plus(Duration.ofMinutes(44))));
    }

    @Test
    void bucketsStartAtFromAlignedToTheSourceWidth() {
        Buckets b = Buckets.plan(FROM, FROM.plus(Duration.ofHours(3)), Duration.ofHours(1), WIDTHS, 10_000, YEAR);
        assertEquals(Instant.parse("2026-03-02T06:00:00Z"), b.start());
        assertEquals(4, b.count()); // 06–07, 07–08, 08–09, 09–10 (to = 09:10)
    }

    @Test
    void refusals() {
        var e = assertThrows(IllegalArgumentException.class, () -> Buckets.plan(FROM, FROM, Duration.ofHours(1),
                WIDTHS, 10_000, YEAR));
        assertTrue(e.getMessage().contains("before"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Buckets.plan(FROM, FROM.plus(Duration.ofHours(1)),
                Duration.ofSeconds(30), WIDTHS, 10_000, YEAR));
        assertTrue(e.getMessage().contains("multiple of the smallest"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Buckets.plan(FROM, FROM.plus(Duration.ofHours(1)),
                Duration.ofSeconds(90), WIDTHS, 10_000, YEAR));
        assertTrue(e.getMessage().contains("multiple of the smallest"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Buckets.plan(FROM, FROM.plus(Duration.ofDays(30)),
                Duration.ofMinutes(1), WIDTHS, 10_000, YEAR));
        assertTrue(e.getMessage().contains("too small for the range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Buckets.plan(FROM, FROM.plus(Duration.ofDays(500)),
                Duration.ofDays(1), WIDTHS, 10_000, YEAR));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }
}
