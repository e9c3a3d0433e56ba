package io.converge.kpi.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;

/** A time-of-use energy price of a site (see {@link io.converge.kpi.domain.Tariff} for the time rules). */
public record TariffInput(
        @NotNull UUID siteId,
        @NotNull @PositiveOrZero Double pricePerKwh,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotEmpty Set<@NotNull DayOfWeek> days,
        @NotNull LocalTime start,
        @NotNull LocalTime end,
        @NotNull LocalDate effectiveFrom,
        LocalDate effectiveTo) {
}
