package io.converge.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final PointRules rules = new PointRules(Duration.ofMinutes(5), 30, 16);

    private static Point numeric(String metric, Instant ts, double v) {
        return Point.numeric("A-1", metric, ts, v, Quality.GOOD);
    }

    private Optional<Rejection> check(Point p) {
        return rules.check(7, p, NOW);
    }

    private void assertRejected(RejectReason reason, Point p) {
        Optional<Rejection> r = check(p);
        assertTrue(r.isPresent(), "expected " + reason + " for " + p);
        assertEquals(reason, r.get().reason());
        assertEquals(7, r.get().index(), "the rejection carries the point's index");
        assertTrue(!r.get().detail().isBlank());
    }

    @Test
    void acceptsValidNumericAndStatePoints() {
        assertEquals(Optional.empty(), check(numeric("temp", NOW.minusSeconds(1), 21.5)));
        assertEquals(Optional.empty(), check(Point.state("A-1", "door", NOW, "open", Quality.BAD)));
        assertEquals(Optional.empty(), check(new Point("A-1", "m", NOW, 1.0, null, null, "msg-1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "temp", "line1.motor_2:rpm/avg-5m", "Z9"})
    void acceptsMetricNamesOfThePattern(String metric) {
        assertEquals(Optional.empty(), check(numeric(metric, NOW, 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1temp", "_temp", "temp rate", "temp!", "température", "a\u0000b"})
    void refusesMetricNamesOutsideThePattern(String metric) {
        assertRejected(RejectReason.INVALID_METRIC, numeric(metric, NOW, 1));
    }

    @Test
    void metricNameIsAtMost128Characters() {
        assertEquals(Optional.empty(), check(numeric("m" + "x".repeat(127), NOW, 1)));
        assertRejected(RejectReason.INVALID_METRIC, numeric("m" + "x".repeat(128), NOW, 1));
        assertRejected(RejectReason.INVALID_METRIC, numeric(null, NOW, 1));
    }

    @Test
    void metricIsCheckedBeforeTheTimestamp() {
        assertRejected(RejectReason.INVALID_METRIC, numeric("9", null, 1));
    }

    @Test
    void timestampIsRequired() {
        assertRejected(RejectReason.MISSING_TIMESTAMP, numeric("m", null, 1));
    }

    @Test
    void futureToleranceIsInclusive() {
        assertEquals(Optional.empty(), check(numeric("m", NOW.plus(Duration.ofMinutes(5)), 1)));
        assertRejected(RejectReason.TIMESTAMP_IN_FUTURE, numeric("m", NOW.plus(Duration.ofMinutes(5)).plusMillis(1),
                1));
        assertRejected(RejectReason.TIMESTAMP_IN_FUTURE, numeric("m", NOW.plus(Duration.ofDays(1)), 1));
    }

    @Test
    void retentionBoundsTheOldestTimestamp() {
        Instant oldest = rules.oldest(NOW);
        assertEquals(Instant.parse("2026-01-30T12:00:00Z"), oldest);
        assertEquals(Optional.empty(), check(numeric("m", oldest, 1)));
        assertRejected(RejectReason.TIMESTAMP_TOO_OLD, numeric("m", oldest.minusMillis(1), 1));
        assertRejected(RejectReason.TIMESTAMP_TOO_OLD, numeric("m", Instant.EPOCH, 1));
    }

    @Test
    void valueOrStateIsRequired() {
        assertRejected(RejectReason.MISSING_VALUE, new Point("A-1", "m", NOW, null, null, Quality.GOOD, null));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertRejected(RejectReason.VALUE_NOT_FINITE, numeric("m", NOW, Double.NaN));
        assertRejected(RejectReason.VALUE_NOT_FINITE, numeric("m", NOW, Double.POSITIVE_INFINITY));
        assertRejected(RejectReason.VALUE_NOT_FINITE, numeric("m", NOW, Double.NEGATIVE_INFINITY));
        assertEquals(Optional.empty(), check(numeric("m", NOW, Double.MAX_VALUE)));
        assertEquals(Optional.empty(), check(numeric("m", NOW, -0.0)));
    }

    @Test
    void textStateIsBounded() {
        assertEquals(Optional.empty(), check(Point.state("A-1", "m", NOW, "x".repeat(16), Quality.GOOD)));
        assertRejected(RejectReason.TEXT_TOO_LONG, Point.state("A-1", "m", NOW, "x".repeat(17), Quality.GOOD));
        assertEquals(Optional.empty(), check(Point.state("A-1", "m", NOW, "", Quality.GOOD)));
    }

    @Test
    void messageIdIsBounded() {
        assertEquals(Optional.empty(), check(new Point("A-1", "m", NOW, 1.0, null, null, "i".repeat(16))));
        assertRejected(RejectReason.TEXT_TOO_LONG, new Point("A-1", "m", NOW, 1.0, null, null, "i".repeat(17)));
    }

    @Test
    void nulCharactersAreRefusedInStateAndMessageId() {
        assertRejected(RejectReason.INVALID_TEXT, Point.state("A-1", "m", NOW, "on\u0000", Quality.GOOD));
        assertRejected(RejectReason.INVALID_TEXT, new Point("A-1", "m", NOW, 1.0, null, null, "id\u0000"));
    }

    @Test
    void qualityDefaultsToGood() {
        assertEquals(Quality.GOOD, new Point("A-1", "m", NOW, 1.0, null, null, null).quality());
        assertEquals(Quality.UNCERTAIN, Point.numeric("A-1", "m", NOW, 1, Quality.UNCERTAIN).quality());
    }
}
