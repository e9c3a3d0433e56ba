package io.converge.kpi.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A site's shift calendar: its IANA time zone, weekly shifts and breaks (local time; a slot whose end is not after
 * its start crosses midnight), and planned downtime periods (planned maintenance, holidays).
 */
public record CalendarInput(
        @NotBlank @Size(max = 64) String zone,
        @NotNull @Size(max = 50) List<@Valid @NotNull Slot> shifts,
        @Size(max = 200) List<@Valid @NotNull Slot> breaks,
        @Size(max = 1000) List<@Valid @NotNull Downtime> plannedDowntime) {

    /** A weekly slot, on the day it starts. */
    public record Slot(@NotNull DayOfWeek day, @NotNull LocalTime start, @NotNull LocalTime end) {
    }

    /** An absolute planned-downtime period [from, to). */
    public record Downtime(@NotNull Instant from, @NotNull Instant to, @Size(max = 200) String reason) {
    }

    /**
     * The domain calendar.
     *
     * @throws IllegalArgumentException or {@link java.time.DateTimeException} on an unknown zone or empty downtime
     */
    public io.converge.kpi.domain.ShiftCalendar toDomain() {
        return new io.converge.kpi.domain.ShiftCalendar(java.time.ZoneId.of(zone), slots(shifts), slots(breaks),
                plannedDowntime == null ? List.of() : plannedDowntime.stream().map(d -> {
                    if (!d.from().isBefore(d.to())) {
                        throw new IllegalArgumentException("planned downtime from " + d.from()
                                + " must be before its end " + d.to());
                    }
                    return new io.converge.kpi.domain.Interval(d.from(), d.to());
                }).toList());
    }

    private static List<io.converge.kpi.domain.ShiftCalendar.WeeklySlot> slots(List<Slot> in) {
        return in == null ? List.of() : in.stream()
                .map(s -> new io.converge.kpi.domain.ShiftCalendar.WeeklySlot(s.day(), s.start(), s.end())).toList();
    }
}
