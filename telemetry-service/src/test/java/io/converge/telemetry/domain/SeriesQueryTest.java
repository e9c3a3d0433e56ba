package io.converge.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.domain.SeriesQuery.Aggregate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesQueryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final int MAX = 10_000;
    private static final int DEFAULT = 500;

    private static SeriesQuery q(String from, String to, String bucket, String agg) {
        return SeriesQuery.of(from, to, bucket, agg, NOW, MAX, DEFAULT);
    }

    private static String fails(String from, String to, String bucket, String agg) {
        return assertThrows(IllegalArgumentException.class, () -> q(from, to, bucket, agg)).getMessage();
    }

    @Test
    void defaultsToTheLastHourAveragedInTenSecondBuckets() {
        SeriesQuery s = q(null, null, null, null);
        assertEquals(NOW, s.to());
        assertEquals(NOW.minus(Duration.ofHours(1)), s.from());
        assertEquals(Aggregate.AVG, s.agg());
        assertEquals(Duration.ofSeconds(10), s.bucket(), "1 h / 500 buckets: 10 s is the smallest nice width");
    }

    @Test
    void blankParametersAreDefaults() {
        assertEquals(q(null, null, null, null), q(" ", "", "  ", ""));
    }

    @Test
    void fromDefaultsToOneHourBeforeAGivenTo() {
        SeriesQuery s = q(null, "2026-02-01T00:00:00Z", null, null);
        assertEquals(Instant.parse("2026-01-31T23:00:00Z"), s.from());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), s.to());
    }

    @Test
    void instantsAreIso8601() {
        assertEquals(Instant.parse("2026-03-01T09:00:00Z"), q("2026-03-01T10:00:00+01:00", null, null, null).from());
        assertTrue(fails("1772359200000", null, null, null).startsWith("from must be an ISO-8601"));
        assertTrue(fails(null, "yesterday", null, null).startsWith("to must be an ISO-8601"));
    }

    @Test
    void instantsOutsideTheSupportedRangeAreRefused() {
        // found by the bad-input corpus: year 1000000000 overflowed date_bin in PostgreSQL (500), year -1000 answered
        assertTrue(fails("+1000000000-01-01T00:00:00Z", "+1000000000-01-02T00:00:00Z", null, null)
                .startsWith("to must be between 1970"));
        assertTrue(fails("-1000-01-01T00:00:00Z", "2026-03-01T00:00:00Z", null, null)
                .startsWith("from must be between 1970"));
        assertTrue(fails(null, "+100000-01-01T00:00:00Z", null, null).startsWith("to must be"));
        assertEquals(Instant.parse("9999-12-31T22:59:59Z"), q(null, "9999-12-31T23:59:59Z", "1h", null).from());
    }

    @ParameterizedTest
    @CsvSource({
            "PT5M, PT1S", // 300 s / 500 → 1 s
            "PT10M, PT5S", // 600 buckets of 1 s would be too many
            "PT1H, PT10S",
            "PT24H, PT5M", // 1440 min / 500 → 5 min (288 buckets)
            "P7D, PT30M", // 10080 min / 500 → 30 min (336 buckets)
            "P30D, PT3H", // 720 h / 500 → 3 h (240 buckets)
            "P365D, P1D"})
    void niceBucketIsTheSmallestNiceWidthWithinTheDefaultCount(String range, String bucket) {
        Duration r = Duration.parse(range);
        SeriesQuery s = q(NOW.minus(r).toString(), NOW.toString(), null, null);
        assertEquals(Duration.parse(bucket), s.bucket());
        assertTrue(r.toMillis() / s.bucket().toMillis() <= DEFAULT);
    }

    @Test
    void niceBucketBeyondTheLargestNiceWidthStillFitsTheDefaultCount() {
        Duration tenYears = Duration.ofDays(3650);
        Duration b = SeriesQuery.nice(tenYears, DEFAULT);
        assertTrue(b.compareTo(Duration.ofDays(7)) > 0);
        assertTrue(tenYears.toMillis() / b.toMillis() <= DEFAULT);
    }

    @Test
    void explicitBucketAndAggregate() {
        SeriesQuery s = q("2026-03-01T11:00:00Z", "2026-03-01T12:00:00Z", "1m", "max");
        assertEquals(Duration.ofMinutes(1), s.bucket());
        assertEquals(Aggregate.MAX, s.agg());
    }

    @Test
    void tooManyBucketsIsRefused() {
        String msg = fails("2026-02-28T12:00:00Z", "2026-03-01T12:00:00Z", "1s", null);
        assertTrue(msg.contains("86400 buckets"), msg);
        assertThrows(IllegalArgumentException.class,
                () -> SeriesQuery.of("2026-03-01T11:00:00Z", null, "1s", null, NOW, 3599, DEFAULT));
        SeriesQuery ok = SeriesQuery.of("2026-03-01T11:00:00Z", null, "1s", null, NOW, 3600, DEFAULT);
        assertEquals(Duration.ofSeconds(1), ok.bucket(), "exactly the maximum is allowed");
    }

    @Test
    void aPartialLastBucketCounts() {
        // 61 s in 10 s buckets → 7 buckets
        assertThrows(IllegalArgumentException.class,
                () -> SeriesQuery.of("2026-03-01T11:59:00Z", "2026-03-01T12:00:01Z", "10s", null, NOW, 6, DEFAULT));
        SeriesQuery.of("2026-03-01T11:59:00Z", "2026-03-01T12:00:01Z", "10s", null, NOW, 7, DEFAULT);
    }

    @Test
    void fromMustBeBeforeTo() {
        assertEquals("from must be before to", fails("2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z", null, null));
        assertEquals("from must be before to", fails("2026-03-01T13:00:00Z", "2026-03-01T12:00:00Z", null, null));
        assertEquals("from must be before to", fails("2026-03-01T13:00:00Z", null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"median", "p99", "avg2"})
    void badAggregateIsRefused(String agg) {
        assertTrue(fails(null, null, null, agg).startsWith("agg must be one of"));
    }

    @Test
    void aggregatesParseCaseInsensitively() {
        for (Aggregate a : Aggregate.values()) {
            assertEquals(a, q(null, null, null, a.wire().toUpperCase()).agg());
            assertEquals(a, Aggregate.parse(a.wire()));
        }
        assertEquals("last", Aggregate.LAST.wire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10x", "abc", "5 m", "-5m", "1w", "PT-1M", "PT0S", "P"})
    void badBucketIsRefused(String bucket) {
        assertThrows(IllegalArgumentException.class, () -> q(null, null, bucket, null));
    }

    @Test
    void zeroBucketIsRefused() {
        assertTrue(fails(null, null, "0s", null).contains("at least 1ms"));
        assertTrue(fails(null, null, "0ms", null).contains("at least 1ms"));
    }

    @ParameterizedTest
    @CsvSource({"10s, PT10S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "PT15M, PT15M", "500ms, PT0.5S",
            "' 5m ', PT5M", "P1D, PT24H", "90s, PT1M30S"})
    void durationParsing(String text, String expected) {
        assertEquals(Duration.parse(expected), SeriesQuery.duration(text));
    }
}
