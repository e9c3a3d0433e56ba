package io.converge.telemetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated downsampling request: a half-open range [from, to), a bucket width and an aggregate. Pure: the bucket
 * count is capped, a missing bucket is chosen as the smallest "nice" width that fits the default count.
 */
public record SeriesQuery(Instant from, Instant to, Duration bucket, Aggregate agg) {

    /** The aggregates over the samples of a bucket; {@code last} is the most recent sample (numeric or state). */
    public enum Aggregate {
        AVG, MIN, MAX, SUM, COUNT, LAST;

        public static Aggregate parse(String s) {
            for (Aggregate a : values()) {
                if (a.name().equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("agg must be one of avg, min, max, sum, count, last");
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final List<Duration> NICE = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

    /**
     * Builds a query from the raw parameters; {@code IllegalArgumentException} with a caller-readable message for
     * anything wrong. {@code from} defaults to one hour before {@code to}, {@code to} to now.
     */
    public static SeriesQuery of(String from, String to, String bucket, String agg, Instant now, int maxBuckets,
            int defaultBuckets) {
        Instant end = to == null || to.isBlank() ? now : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofHours(1)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        Duration range = Duration.between(start, end);
        Duration width = bucket == null || bucket.isBlank() ? nice(range, defaultBuckets) : duration(bucket);
        if (width.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("bucket must be at least 1ms");
        }
        long buckets = (range.toMillis() + width.toMillis() - 1) / width.toMillis();
        if (buckets > maxBuckets) {
            throw new IllegalArgumentException("the range holds " + buckets + " buckets of " + width
                    + "; at most " + maxBuckets + " are returned: use a larger bucket or a shorter range");
        }
        return new SeriesQuery(start, end, width, agg == null || agg.isBlank() ? Aggregate.AVG : Aggregate.parse(agg));
    }

    /** "500ms", "10s", "5m", "1h", "1d" or an ISO-8601 duration such as PT15M. */
    public static Duration duration(String s) {
        Matcher m = SHORT.matcher(s.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(s.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("bucket must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bucket must look like 10s, 5m, 1h, 1d or PT15M");
        }
    }

    static Duration nice(Duration range, int buckets) {
        for (Duration d : NICE) {
            if (range.toMillis() / d.toMillis() <= buckets) {
                return d;
            }
        }
        return Duration.ofMillis(Math.max(NICE.get(NICE.size() - 1).toMillis(), range.toMillis() / buckets + 1));
    }

    private static Instant instant(String name, String s) {
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
        if (!io.converge.rest.Instants.supported(t)) {
            // far-future years overflowed PostgreSQL's date_bin (a 500); years BC are no plant's data
            throw new IllegalArgumentException(name + " must be " + io.converge.rest.Instants.RANGE);
        }
        return t;
    }
}
