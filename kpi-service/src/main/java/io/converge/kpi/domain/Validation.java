package io.converge.kpi.domain;

import java.time.Duration;
import java.util.regex.Pattern;

/** Input checks shared by the API layer; every failure is an {@link IllegalArgumentException} with a clear message. */
public final class Validation {

    /** The metric name rule of the telemetry contract. */
    public static final Pattern METRIC = io.converge.events.MetricNames.PATTERN;

    private Validation() {
    }

    public static boolean isValidMetric(String name) {
        return name != null && METRIC.matcher(name).matches();
    }

    public static String requireMetric(String name) {
        if (!isValidMetric(name)) {
            throw new IllegalArgumentException("metric name '" + name + "' does not match " + METRIC.pattern());
        }
        return name;
    }

    public static Duration requirePositiveCycleTime(Duration idealCycleTime) {
        if (idealCycleTime == null) {
            throw new IllegalArgumentException("ideal cycle time is required");
        }
        if (idealCycleTime.isNegative() || idealCycleTime.isZero()) {
            throw new IllegalArgumentException("ideal cycle time must be > 0, got " + idealCycleTime);
        }
        return idealCycleTime;
    }

    public static double requirePositiveCycleTimeSeconds(double seconds) {
        if (!Double.isFinite(seconds) || seconds <= 0) {
            throw new IllegalArgumentException("ideal cycle time must be > 0 seconds, got " + seconds);
        }
        return seconds;
    }

    /** Checks from &lt; to for a query window. */
    public static void requireWindow(java.time.Instant from, java.time.Instant to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }
}
