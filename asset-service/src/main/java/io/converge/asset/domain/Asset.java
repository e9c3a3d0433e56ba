package io.converge.asset.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An IT or OT asset as stored and as returned by the API. {@code siteId}/{@code lineId} derive from its node. */
public record Asset(
        UUID id,
        String tag,
        String name,
        AssetDomain domain,
        AssetType type,
        String vendor,
        String model,
        String serialNumber,
        String ipAddress,
        String macAddress,
        UUID nodeId,
        UUID siteId,
        UUID lineId,
        UUID zoneId,
        Criticality criticality,
        String firmwareVersion,
        AssetStatus status,
        Map<String, String> labels,
        long version,
        Instant createdAt,
        Instant updatedAt) {
}
