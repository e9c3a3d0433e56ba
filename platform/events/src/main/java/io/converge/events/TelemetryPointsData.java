package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Points of one asset accepted in one ingest batch (each stored exactly once; a duplicate is never re-published).
 * The record key is the asset id, so one asset's batches stay in order on one partition.
 *
 * @param channel how the points arrived: {@code http}, {@code mqtt} or {@code sparkplug}
 */
public record TelemetryPointsData(UUID assetId, String assetTag, UUID siteId, String channel, List<Sample> points) {

    /**
     * One stored point: exactly one of {@code value} (numeric) and {@code state} (boolean/text) is set;
     * {@code quality} is good, uncertain or bad.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String metric, Instant ts, Double value, String state, String quality, String messageId) {
    }
}
