package io.converge.kpi.domain;

/**
 * A KPI figure that is either a finite number or explicitly undefined with a reason ("PBT is 0").
 * NaN and Infinity never escape: every factory funnels through {@link #of(double, String)}, which turns a
 * non-finite result into an undefined value.
 *
 * @param value  the figure, {@code null} when undefined
 * @param reason why the value is undefined, {@code null} when defined
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record KpiValue(Double value, String reason) {

    public KpiValue {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("KpiValue must be finite, got " + value);
        }
        if (value == null && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an undefined KpiValue needs a reason");
        }
        if (value != null) {
            reason = null;
        }
    }

    public static KpiValue of(double value) {
        return of(value, "result is not a finite number");
    }

    /** The value, or undefined with {@code reasonIfNotFinite} when it is NaN or infinite. */
    public static KpiValue of(double value, String reasonIfNotFinite) {
        return Double.isFinite(value) ? new KpiValue(value, null) : undefined(reasonIfNotFinite);
    }

    public static KpiValue undefined(String reason) {
        return new KpiValue(null, reason);
    }

    /** numerator / denominator, undefined with {@code zeroReason} when the denominator is 0. */
    public static KpiValue ratio(double numerator, double denominator, String zeroReason) {
        if (denominator == 0.0) {
            return undefined(zeroReason);
        }
        return of(numerator / denominator, zeroReason);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDefined() {
        return value != null;
    }

    /** Product of defined values; the first undefined factor's reason otherwise. */
    public static KpiValue product(KpiValue... factors) {
        double p = 1.0;
        for (KpiValue f : factors) {
            if (!f.isDefined()) {
                return f;
            }
            p *= f.value();
        }
        return of(p);
    }

    public KpiValue map(java.util.function.DoubleUnaryOperator f) {
        return isDefined() ? of(f.applyAsDouble(value)) : this;
    }
}
