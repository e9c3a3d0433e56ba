package io.converge.kpi.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A condition binding: the alarm {@code threshold} of a condition metric (vibration, temperature, current …) and the
 * {@code direction} it is crossed from ({@code rising}: value ≥ threshold, {@code falling}: value ≤ threshold); the
 * EWMA factor {@code alpha} in (0, 1] and the regression {@code windowSize} in samples (≥ 3, at most
 * {@code converge.maintenance.max-window}) default to {@code converge.maintenance.default-alpha/-window}.
 */
public record ConditionInput(
        @Size(max = 200) String label,
        @NotNull Double threshold,
        @NotNull @Pattern(regexp = "rising|falling", message = "must be rising or falling") String direction,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double alpha,
        @Min(3) Integer windowSize) {
}
