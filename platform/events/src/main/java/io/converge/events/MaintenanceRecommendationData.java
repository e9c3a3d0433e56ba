package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link KpiEventTypes#MAINTENANCE}: a maintenance recommendation of kpi-service for one condition metric
 * of one asset, opened when the predicted threshold crossing enters the horizon, re-published on a material change
 * and resolved when the prediction leaves the horizon or the condition binding is removed. Subject and record key =
 * asset id, so the events of one asset stay in order.
 *
 * @param recommendationId  stable across the opened/updated/resolved events of one recommendation
 * @param action            {@code opened}, {@code updated} or {@code resolved}
 * @param criticality       the asset's criticality from the asset view (low, medium, high, critical; null unknown)
 * @param direction         {@code rising} or {@code falling}: the side of the threshold the metric moves towards
 * @param hoursToCrossing   hours from {@code asOf} (the latest sample time) until the threshold is crossed; 0 when
 *                          already crossed; null when no longer predictable (resolved)
 * @param predictedCrossing {@code asOf} + hoursToCrossing; null when not predictable
 * @param confidence        heuristic trend confidence in [0, 1] (R² × slope significance), not a probability
 * @param severity          {@code crossed}, {@code imminent} (within a third of the horizon) or {@code planned}
 * @param risk              criticality weight (1–4, unknown 2) × urgency (1 − hoursToCrossing / horizon, in [0, 1])
 * @param anomaly           a z-score anomaly was flagged within the last window of samples
 * @param reason            why it was resolved (null otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaintenanceRecommendationData(UUID recommendationId, String action, UUID assetId, String assetTag,
        UUID siteId, UUID lineId, String metric, String label, double threshold, String direction,
        String criticality, Double hoursToCrossing, Instant predictedCrossing, double confidence,
        Double slopePerHour, String severity, double risk, boolean anomaly, String reason, Instant asOf) {
}
