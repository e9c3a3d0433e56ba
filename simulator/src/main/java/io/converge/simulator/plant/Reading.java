package io.converge.simulator.plant;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of one metric of one asset: the value is a {@link Double}, a {@link Long} (counters), a {@link Boolean}
 * or a {@link String} (states, reasons).
 */
public record Reading(String asset, String metric, Instant ts, Object value) {

    public Reading {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof Double || value instanceof Long || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getSimpleName());
        }
    }
}
