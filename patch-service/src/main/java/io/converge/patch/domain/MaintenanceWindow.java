package io.converge.patch.domain;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A recurring maintenance window: open from each firing of a cron expression for a duration, in a time zone.
 *
 * <ul>
 *   <li><b>Cron</b>: the UNIX (crontab) definition of cron-utils, 5 fields: minute hour day-of-month month
 *       day-of-week, e.g. {@code 0 22 * * 1-5} (weekdays 22:00) or {@code 0 2 * * SUN}. Minute precision is all a
 *       window needs, and it is the syntax plant IT already writes. Quartz's seconds, years and {@code ?} are
 *       refused. An invalid expression is an IllegalArgumentException naming the expression and the reason.</li>
 *   <li><b>Zone</b>: an IANA zone id (Europe/Paris); firings are local times in that zone.</li>
 *   <li><b>Duration</b>: wall-clock, in the zone: a window firing at 22:00 for PT8H closes at 06:00 local time,
 *       which is 7 h of real time on the spring-forward night and 9 h on the fall-back night, the way a plant's
 *       night break behaves. [firing, end) is half-open.</li>
 *   <li><b>DST</b> (cron-utils' behaviour): a firing at a local time that does not exist (02:00 on the
 *       spring-forward night in Europe/Paris) is skipped, so that night has no window; a local time that exists
 *       twice (fall-back) opens at its first occurrence and the window, being wall-clock, covers both.</li>
 *   <li>A window is open at t when the latest firing at or before t has not closed yet; since all windows have the
 *       same wall-clock length, the latest firing is the only one that can still be open.</li>
 * </ul>
 */
public final class MaintenanceWindow {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final Duration NANO = Duration.ofNanos(1);

    private final String cron;
    private final Duration duration;
    private final ZoneId zone;
    private final ExecutionTime executions;

    private MaintenanceWindow(String cron, Duration duration, ZoneId zone, ExecutionTime executions) {
        this.cron = cron;
        this.duration = duration;
        this.zone = zone;
        this.executions = executions;
    }

    /**
     * @throws IllegalArgumentException for an invalid cron expression, a duration that is not positive, or an
     *                                  unknown zone, with a message naming the field
     */
    public static MaintenanceWindow of(String cron, Duration duration, String zone) {
        ExecutionTime executions = ExecutionTime.forCron(parse(cron));
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("maintenance window duration must be positive, got " + duration);
        }
        return new MaintenanceWindow(cron.trim(), duration, zone(zone), executions);
    }

    /** Parses and validates a UNIX cron expression (5 fields), or explains why it cannot. */
    public static Cron parse(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("invalid cron expression: it is empty; expected 5 fields "
                    + "(minute hour day-of-month month day-of-week), e.g. '0 22 * * 1-5'");
        }
        try {
            return new CronParser(UNIX).parse(cron.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + cron.trim() + "': " + e.getMessage()
                    + "; expected 5 fields (minute hour day-of-month month day-of-week), e.g. '0 22 * * 1-5'", e);
        }
    }

    /** An IANA zone id, or an IllegalArgumentException naming it. */
    public static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException("a time zone is required (an IANA id such as Europe/Paris)");
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone.trim()
                    + "': expected an IANA id such as Europe/Paris", e);
        }
    }

    public String cron() {
        return cron;
    }

    public Duration duration() {
        return duration;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant t) {
        return closesAt(t).isPresent();
    }

    /** When the window open at {@code t} closes; empty when it is closed at t. */
    public Optional<Instant> closesAt(Instant t) {
        ZonedDateTime at = t.atZone(zone);
        return executions.lastExecution(at.plus(NANO))          // the latest firing at or before t
                .map(this::end)
                .filter(end -> end.isAfter(at))
                .map(ZonedDateTime::toInstant);
    }

    /** The first firing at or after {@code t}; empty when the expression never fires again (e.g. 30 February). */
    public Optional<Instant> nextOpening(Instant t) {
        return executions.nextExecution(t.atZone(zone).minus(NANO)).map(ZonedDateTime::toInstant);
    }

    /** {@code t} when the window is open at t, otherwise its next opening. */
    public Optional<Instant> nextOpenInstant(Instant t) {
        return isOpen(t) ? Optional.of(t) : nextOpening(t);
    }

    /** Wall-clock end of the window that opened at {@code firing}, keeping the firing's offset when ambiguous. */
    private ZonedDateTime end(ZonedDateTime firing) {
        return ZonedDateTime.ofLocal(firing.toLocalDateTime().plus(duration), zone, firing.getOffset());
    }

    @Override
    public String toString() {
        return "MaintenanceWindow[" + cron + " for " + duration + " in " + zone + "]";
    }
}
