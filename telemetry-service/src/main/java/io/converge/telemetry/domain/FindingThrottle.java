package io.converge.telemetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a flood of bad points from becoming a flood of security events: at most one report per (claimed asset, kind)
 * per interval, carrying how many occurrences it summarises (those since the previous report). Thread-safe.
 */
public final class FindingThrottle {

    /** A report to send: {@code count} occurrences between {@code firstSeen} and {@code lastSeen}. */
    public record Report(String tag, String kind, Instant firstSeen, Instant lastSeen, long count) {
    }

    private record Window(Instant firstSeen, Instant lastSeen, long count, Instant reportedAt) {
    }

    private static final int MAX_KEYS = 100_000;
    private final Duration interval;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FindingThrottle(Duration interval) {
        this.interval = interval;
    }

    /** Records {@code occurrences} seen at {@code now}; returns a report when one is due. */
    public Optional<Report> record(String tag, String kind, long occurrences, Instant now) {
        if (windows.size() > MAX_KEYS) {
            // a scan over random tags must not grow memory without bound: forget everything already reported
            windows.values().removeIf(w -> w.count() == 0);
        }
        String key = kind + '\u0000' + tag;
        Report[] due = new Report[1];
        windows.compute(key, (k, w) -> {
            long count = (w == null ? 0 : w.count()) + occurrences;
            Instant first = w == null || w.count() == 0 ? now : w.firstSeen();
            if (w == null || !now.isBefore(w.reportedAt().plus(interval))) {
                due[0] = new Report(tag, kind, first, now, count);
                return new Window(now, now, 0, now);
            }
            return new Window(first, now, count, w.reportedAt());
        });
        return Optional.ofNullable(due[0]);
    }
}
