package io.converge.kpi.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** A production order from the ERP: what a line makes, how many, and the ideal cycle time per unit (PRI). */
public record OrderInput(
        @NotBlank @Size(max = 64) String orderNumber,
        @NotNull UUID lineId,
        @NotBlank @Size(max = 200) String product,
        @NotNull @Positive Long plannedQuantity,
        @NotNull @Positive Double idealCycleSeconds,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt) {
}
