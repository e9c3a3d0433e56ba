package io.converge.kpi.domain;

import java.time.Instant;

/** One reading of a cumulative counter (good count, scrap count, kWh meter). */
public record CounterSample(Instant time, double value) {
    public CounterSample {
        if (time == null) {
            throw new IllegalArgumentException("time is required");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("counter value must be finite, got " + value);
        }
    }
}
