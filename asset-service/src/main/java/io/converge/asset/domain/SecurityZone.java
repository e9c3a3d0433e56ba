package io.converge.asset.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An IEC 62443 security zone.
 *
 * @param slTarget target security level SL-T (1–4)
 * @param slAchieved achieved security level SL-A (0–4), null when not assessed yet
 * @param assetCount assets in the zone; only in single-zone answers (null, and left out, in lists)
 */
public record SecurityZone(
        UUID id,
        String name,
        String description,
        UUID siteId,
        int slTarget,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer slAchieved,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long assetCount) {

    public SecurityZone withAssetCount(long count) {
        return new SecurityZone(id, name, description, siteId, slTarget, slAchieved, version, createdAt, updatedAt,
                count);
    }
}
