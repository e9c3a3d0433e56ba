package io.converge.telemetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a point must pass before it is stored, independent of the registry: metric name pattern, a finite value
 * or a bounded text state, a timestamp no more than {@code futureTolerance} ahead and no older than the retention.
 */
public final class PointRules {

    /** Metric names: a letter, then up to 127 letters, digits or {@code _ . : / -}. */
    public static final Pattern METRIC = io.converge.events.MetricNames.PATTERN;

    private final Duration futureTolerance;
    private final int retentionDays;
    private final int maxTextLength;

    public PointRules(Duration futureTolerance, int retentionDays, int maxTextLength) {
        this.futureTolerance = futureTolerance;
        this.retentionDays = retentionDays;
        this.maxTextLength = maxTextLength;
    }

    /** The oldest timestamp accepted at {@code now}. */
    public Instant oldest(Instant now) {
        return now.minus(retentionDays, ChronoUnit.DAYS);
    }

    public Optional<Rejection> check(int index, Point p, Instant now) {
        if (p.metric() == null || !METRIC.matcher(p.metric()).matches()) {
            return reject(index, RejectReason.INVALID_METRIC, "metric must match " + METRIC.pattern());
        }
        if (p.ts() == null) {
            return reject(index, RejectReason.MISSING_TIMESTAMP, "ts is required");
        }
        if (p.ts().isAfter(now.plus(futureTolerance))) {
            return reject(index, RejectReason.TIMESTAMP_IN_FUTURE, "ts " + p.ts() + " is more than "
                    + futureTolerance.toSeconds() + " s ahead of the server clock");
        }
        if (p.ts().isBefore(oldest(now))) {
            return reject(index, RejectReason.TIMESTAMP_TOO_OLD, "ts " + p.ts() + " is older than the retention of "
                    + retentionDays + " days");
        }
        if (p.value() == null && p.state() == null) {
            return reject(index, RejectReason.MISSING_VALUE, "value is required (number, boolean or string)");
        }
        if (p.value() != null && p.state() != null) {
            return reject(index, RejectReason.MALFORMED_POINT, "a point has a number or a text value, not both");
        }
        if (p.value() != null && !Double.isFinite(p.value())) {
            return reject(index, RejectReason.VALUE_NOT_FINITE, "value must be a finite number");
        }
        if (p.state() != null && p.state().length() > maxTextLength) {
            return reject(index, RejectReason.TEXT_TOO_LONG, "a text value has at most " + maxTextLength
                    + " characters");
        }
        if (hasNul(p.state()) || hasNul(p.messageId())) {
            return reject(index, RejectReason.INVALID_TEXT,
                    "text must not contain NUL characters");
        }
        if (p.messageId() != null && p.messageId().length() > maxTextLength) {
            return reject(index, RejectReason.TEXT_TOO_LONG, "messageId has at most " + maxTextLength
                    + " characters");
        }
        return Optional.empty();
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\u0000') >= 0;
    }

    private static Optional<Rejection> reject(int index, RejectReason reason, String detail) {
        return Optional.of(new Rejection(index, reason, detail));
    }
}
