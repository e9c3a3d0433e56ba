package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Payload of every asset event: the asset as it is after the change (for a deletion: as it was), plus the previous
 * values of the fields whose change the event announces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetEventData(
        UUID id,
        String tag,
        String name,
        String domain,
        String type,
        String vendor,
        String model,
        String ipAddress,
        UUID nodeId,
        UUID siteId,
        UUID lineId,
        UUID zoneId,
        String criticality,
        String firmwareVersion,
        String status,
        Map<String, String> labels,
        long version,
        Instant updatedAt,
        String actor,
        String previousStatus,
        String previousFirmwareVersion) {
}
