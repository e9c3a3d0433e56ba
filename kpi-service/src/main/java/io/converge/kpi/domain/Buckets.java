package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bucket plan of a KPI query: which stored window width answers it and where the buckets start.
 * <ul>
 *   <li>The bucket must be a whole multiple of the smallest stored width; the source is the largest stored width
 *       that divides the bucket (so 1 h buckets read 1 h windows, 15 min buckets read 1 min windows).</li>
 *   <li>Buckets start at {@code from} aligned down to the source width and follow each other; a window belongs to the
 *       bucket its start falls in, and windows starting in [aligned from, to) are read.</li>
 *   <li>More than {@code maxBuckets} buckets, or a range over {@code maxRange}, is refused.</li>
 * </ul>
 */
public record Buckets(Instant start, Instant to, Duration bucket, Duration source, int count) {

    public static Buckets plan(Instant from, Instant to, Duration bucket, List<Duration> widths, int maxBuckets,
            Duration maxRange) {
        Validation.requireWindow(from, to);
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw new IllegalArgumentException("the range " + Duration.between(from, to) + " is longer than "
                    + maxRange + ": query a shorter range");
        }
        Duration smallest = widths.stream().min(Duration::compareTo).orElseThrow();
        if (bucket.isNegative() || bucket.isZero() || bucket.compareTo(smallest) < 0
                || bucket.toSeconds() % smallest.toSeconds() != 0 || bucket.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("bucket " + bucket + " must be a whole multiple of the smallest"
                    + " stored window " + smallest);
        }
        Duration source = widths.stream().filter(w -> bucket.toSeconds() % w.toSeconds() == 0)
                .max(Duration::compareTo).orElse(smallest);
        Instant start = WindowClock.align(from, source);
        long span = Duration.between(start, to).toSeconds();
        long count = (span + bucket.toSeconds() - 1) / bucket.toSeconds();
        if (count > maxBuckets) {
            throw new IllegalArgumentException("bucket " + bucket + " is too small for the range: " + count
                    + " buckets, at most " + maxBuckets + " — choose a larger bucket");
        }
        return new Buckets(start, to, bucket, source, (int) count);
    }

    /** The index of the bucket a window starting at {@code t} belongs to. */
    public int indexOf(Instant t) {
        return (int) (Duration.between(start, t).toSeconds() / bucket.toSeconds());
    }

    public Instant bucketStart(int i) {
        return start.plus(bucket.multipliedBy(i));
    }

}
