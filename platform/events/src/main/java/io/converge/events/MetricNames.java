package io.converge.events;

import java.util.regex.Pattern;

/**
 * The name rule of a telemetry metric, shared by the producer (telemetry-service refuses other names) and the
 * consumers that refer to metrics (kpi-service bindings and alarm rules): a letter, then up to 127 letters, digits or
 * {@code _ . : / -}.
 */
public final class MetricNames {

    /** As a string, for bean-validation annotations. */
    public static final String REGEX = "[A-Za-z][A-Za-z0-9_.:/-]{0,127}";
    public static final Pattern PATTERN = Pattern.compile(REGEX);

    private MetricNames() {
    }
}
