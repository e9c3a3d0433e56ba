package io.converge.kpi.domain;

/** Exponentially weighted moving average: s₀ = x₀, sₙ = α xₙ + (1 − α) sₙ₋₁. */
public final class Ewma {

    private final double alpha;
    private Double value;

    public Ewma(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("EWMA alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    public double update(double x) {
        value = value == null ? x : alpha * x + (1 - alpha) * value;
        return value;
    }

    /** Null before the first update. */
    public Double value() {
        return value;
    }

    public double alpha() {
        return alpha;
    }
}
