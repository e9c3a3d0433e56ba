package io.converge.kpi.api;

import io.converge.events.MetricNames;
import jakarta.validation.constraints.Pattern;

/**
 * Which telemetry metrics of a scope feed its KPIs: machine state (running/idle/down/setup) and its down reason, the
 * cumulative good and scrap counters, the cumulative energy meter (kWh). Unset metrics disable the KPIs that need them.
 */
public record BindingInput(
        @Pattern(regexp = METRIC, message = MESSAGE) String stateMetric,
        @Pattern(regexp = METRIC, message = MESSAGE) String downReasonMetric,
        @Pattern(regexp = METRIC, message = MESSAGE) String goodCountMetric,
        @Pattern(regexp = METRIC, message = MESSAGE) String scrapCountMetric,
        @Pattern(regexp = METRIC, message = MESSAGE) String energyMetric) {

    static final String METRIC = MetricNames.REGEX;
    static final String MESSAGE = "must be a metric name matching " + METRIC;

    boolean bindsSomething() {
        return stateMetric != null || goodCountMetric != null || scrapCountMetric != null || energyMetric != null;
    }
}
