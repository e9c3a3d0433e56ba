package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-time rules of the streaming windows, per asset, driven by the latest sample time seen (its clock).
 * <ul>
 *   <li>Windows are aligned to the epoch: [floor(t / w) × w, + w).</li>
 *   <li>watermark = clock − closeDelay; when the asset sent nothing for the idle-close time (wall clock), clock +
 *       maxGap instead (after that its state is unknown anyway, so a silent machine's windows still close).</li>
 *   <li>A window is closed, computed and published (revision 0) once its end ≤ watermark.</li>
 *   <li>A point older than clock − allowedLateness is too late: dropped and counted. A later point that falls in a
 *       closed window recomputes it; when the figures change it is published again with revision + 1 (a correction).
 *       So with the defaults (close delay 30 s, lateness 15 min) a 1-min window is published ~30 s after its end and
 *       may be corrected for 15 min.</li>
 * </ul>
 */
public record WindowClock(Duration closeDelay, Duration allowedLateness, Duration idleClose, Duration maxGap) {

    public WindowClock {
        if (closeDelay.isNegative() || allowedLateness.isNegative() || idleClose.isNegative() || maxGap.isNegative()) {
            throw new IllegalArgumentException("window clock durations must not be negative");
        }
    }

    /** The earliest sample time still accepted for an asset whose clock is {@code clock} (null: accept anything). */
    public Instant cutoff(Instant clock) {
        return clock == null ? null : clock.minus(allowedLateness);
    }

    public boolean tooLate(Instant sample, Instant clock) {
        Instant cutoff = cutoff(clock);
        return cutoff != null && sample.isBefore(cutoff);
    }

    public Instant watermark(Instant clock, Instant lastArrival, Instant now) {
        boolean idle = lastArrival.plus(idleClose).isBefore(now);
        return idle ? clock.plus(maxGap) : clock.minus(closeDelay);
    }

    public static Instant align(Instant t, Duration width) {
        long s = width.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** The closed and the still-open part of a dirty range for one width. */
    public record Split(Instant closedFrom, Instant closedTo, Instant openFrom) {
        public boolean hasClosed() {
            return closedTo.isAfter(closedFrom);
        }

        /** The windows [s, s + w) of the closed part. */
        public List<Interval> windows(Duration width) {
            List<Interval> out = new ArrayList<>();
            for (Instant s = closedFrom; s.isBefore(closedTo); s = s.plus(width)) {
                out.add(new Interval(s, s.plus(width)));
            }
            return out;
        }
    }

    /**
     * Splits the dirty range [from, to] of one width at the watermark: the windows overlapping it that are closed,
     * and where the rest (to be computed later) starts; {@code openFrom} is null when nothing is left.
     */
    public static Split split(Instant from, Instant to, Duration width, Instant watermark) {
        Instant first = align(from, width);
        Instant end = first;
        while (!end.plus(width).isAfter(watermark) && end.isBefore(to)) {
            end = end.plus(width);
        }
        return new Split(first, end, end.isBefore(to) ? end : null);
    }
}
