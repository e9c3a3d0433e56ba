package io.converge.kpi.api;

import io.converge.kpi.domain.AlarmKpi;
import io.converge.kpi.domain.Scope;
import io.converge.kpi.domain.Validation;
import io.converge.kpi.store.AlarmRuleRepository.Spec;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An alarm rule as written by a client: on a telemetry {@code metric} or on a {@code kpi} of the tumbling windows of
 * {@code widthSeconds} (exactly one of metric and kpi). Raise when {@code value operator threshold} has held for
 * {@code forSeconds}; clear when the value is back beyond {@code hysteresis}. Every field is checked at once and all
 * errors are answered together (400, {@code errors[]}).
 *
 * @param scope        {@code asset:{tag}} or {@code line:{uuid}}
 * @param widthSeconds a configured window width (converge.windows.widths); for KPI rules only, default the first
 * @param operator     {@code >}, {@code >=}, {@code <} or {@code <=}
 * @param forSeconds   whole seconds from 0 to {@value #MAX_FOR_SECONDS} (31 days), default 0 (raise with the first
 *                     value beyond the threshold)
 * @param severity     info, warning or critical
 * @param hysteresis   ≥ 0, default 0
 * @param enabled      default true; a disabled rule is not evaluated
 */
public record AlarmRuleInput(String scope, String metric, String kpi, Double widthSeconds, String operator,
        Double threshold, Double forSeconds, String severity, Double hysteresis, String description,
        Boolean enabled) {

    static final Set<String> OPERATORS = Set.of(">", ">=", "<", "<=");
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    static final long MAX_FOR_SECONDS = 31L * 24 * 3600;

    /**
     * The validated rule.
     *
     * @param widths         the configured window widths in seconds, in configuration order
     * @param maxDescription the longest description
     * @throws DomainException 400 listing every invalid field
     */
    Spec validate(List<Integer> widths, int maxDescription) {
        List<FieldError> errors = new ArrayList<>();
        String canonical = null;
        try {
            canonical = Scope.parse(scope).asString();
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("scope", e.getMessage()));
        }
        if ((metric == null) == (kpi == null)) {
            errors.add(FieldError.of(metric == null ? "metric" : "kpi", "give exactly one of metric and kpi"));
        } else if (metric != null && !Validation.isValidMetric(metric)) {
            errors.add(FieldError.of("metric", "must be a metric name matching " + Validation.METRIC.pattern()));
        } else if (kpi != null && AlarmKpi.parse(kpi).isEmpty()) {
            errors.add(FieldError.of("kpi", "must be one of " + AlarmKpi.names()));
        }
        Integer width = widthSeconds == null ? null
                : widthSeconds == Math.rint(widthSeconds) && Math.abs(widthSeconds) < Integer.MAX_VALUE
                ? Integer.valueOf(widthSeconds.intValue()) : Integer.valueOf(-1);
        if (kpi != null && width == null && !widths.isEmpty()) {
            width = widths.getFirst();
        } else if (kpi == null && widthSeconds != null) {
            errors.add(FieldError.of("widthSeconds", "only a kpi rule has a window width"));
        } else if (kpi != null && !widths.contains(width)) {
            errors.add(FieldError.of("widthSeconds", "must be a configured window width: one of "
                    + new TreeSet<>(widths)));
        }
        if (operator == null || !OPERATORS.contains(operator)) {
            errors.add(FieldError.of("operator", "must be one of >, >=, <, <="));
        }
        if (threshold == null || !Double.isFinite(threshold)) {
            errors.add(FieldError.of("threshold", "must be a finite number"));
        }
        double forS = forSeconds == null ? 0 : forSeconds;
        if (!(forS >= 0 && forS <= MAX_FOR_SECONDS && forS == Math.rint(forS))) {
            errors.add(FieldError.of("forSeconds", "must be whole seconds from 0 to " + MAX_FOR_SECONDS));
        }
        if (severity == null || !SEVERITIES.contains(severity)) {
            errors.add(FieldError.of("severity", "must be one of info, warning, critical"));
        }
        double hyst = hysteresis == null ? 0 : hysteresis;
        if (!Double.isFinite(hyst) || hyst < 0) {
            errors.add(FieldError.of("hysteresis", "must be a finite number >= 0"));
        }
        if (description != null && description.length() > maxDescription) {
            errors.add(FieldError.of("description", "at most " + maxDescription + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the alarm rule has invalid fields", errors);
        }
        return new Spec(canonical, metric, kpi, kpi == null ? null : width, operator, threshold, (long) forS,
                severity, hyst, description, enabled == null || enabled);
    }
}
