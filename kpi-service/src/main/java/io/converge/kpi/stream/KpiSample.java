package io.converge.kpi.stream;

import java.time.Instant;
import java.util.UUID;

/**
 * One consumed telemetry sample of a metric some KPI, alarm rule or condition binding uses: exactly one of
 * {@code value} (numeric) and {@code state} (text) is set; quality is 0 good, 1 uncertain, 2 bad.
 */
public record KpiSample(UUID assetId, String metric, Instant ts, Double value, String state, int quality) {

    public static int quality(String wire) {
        return wire == null ? 0 : switch (wire) {
            case "uncertain" -> 1;
            case "bad" -> 2;
            default -> 0;
        };
    }

    public boolean good() {
        return quality == 0;
    }
}
