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
}
