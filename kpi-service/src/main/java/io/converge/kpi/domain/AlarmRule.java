package io.converge.kpi.domain;

import java.time.Duration;

/**
 * A threshold rule on a metric or KPI: raise when {@code value op threshold} holds for {@code forDuration}; clear
 * when the condition is false beyond {@code hysteresis} (for &gt; / &gt;= the value must fall to threshold −
 * hysteresis, for &lt; / &lt;= rise to threshold + hysteresis).
 */
public record AlarmRule(String id, String metric, Operator operator, double threshold, Duration forDuration,
                        Severity severity, double hysteresis) {

    public enum Severity { INFO, WARNING, CRITICAL }

    public enum Operator {
        GT(">"), GE(">="), LT("<"), LE("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case LE -> value <= threshold;
            };
        }

        public boolean upper() {
            return this == GT || this == GE;
        }

        public static Operator parse(String s) {
            for (Operator o : values()) {
                if (o.symbol.equals(s) || o.name().equalsIgnoreCase(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("operator '" + s + "' is not one of >, >=, <, <=");
        }
    }

    public AlarmRule {
        if (id == null || operator == null || severity == null) {
            throw new IllegalArgumentException("rule id, operator and severity are required");
        }
        Validation.requireMetric(metric);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite");
        }
        if (forDuration == null || forDuration.isNegative()) {
            throw new IllegalArgumentException("for duration must be >= 0");
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            throw new IllegalArgumentException("hysteresis must be finite and >= 0");
        }
    }

    public boolean condition(double value) {
        return operator.test(value, threshold);
    }

    /** True when the value is back on the normal side by more than the hysteresis band. */
    public boolean clears(double value) {
        double clearAt = operator.upper() ? threshold - hysteresis : threshold + hysteresis;
        return !operator.test(value, clearAt);
    }
}
