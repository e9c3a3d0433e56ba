package io.converge.security.domain;

import java.util.UUID;

/** What security-service knows of an asset (its local view of asset events). */
public record AssetView(UUID id, String tag, String name, String domain, String type, String criticality,
        String status, String ipAddress, UUID siteId, UUID lineId, UUID zoneId, String firmwareVersion,
        long version) {
}
