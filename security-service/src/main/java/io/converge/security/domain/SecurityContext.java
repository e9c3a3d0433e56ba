package io.converge.security.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What the enricher looks up: the registry view, zones and conduits, maintenance windows, campaign coverage. */
public interface SecurityContext {

    Optional<AssetView> assetById(UUID id);

    Optional<AssetView> assetByTag(String tag);

    Optional<AssetView> assetByIp(String ip);

    Optional<ZoneView> zone(UUID id);

    /** Whether a conduit between the two zones is declared (either direction). */
    boolean conduitDeclared(UUID zoneA, UUID zoneB);

    /** Whether the site's maintenance window is open at {@code at}; empty when it cannot be told now. */
    Optional<Boolean> inMaintenanceWindow(UUID siteId, Instant at);

    /**
     * Whether an approved campaign that was running (or paused, or completed) deployed {@code version} to the asset
     * shortly before {@code at}.
     */
    boolean campaignCovers(UUID assetId, String version, Instant at);
}
