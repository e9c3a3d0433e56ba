package io.converge.security.context;

import io.converge.security.domain.AssetView;
import io.converge.security.domain.SecurityContext;
import io.converge.security.domain.ZoneView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The enricher's context: the in-memory views kept from events and other services. */
@ApplicationScoped
public class LiveContext implements SecurityContext {

    private final AssetDirectory assets;
    private final ZoneDirectory zones;
    private final WindowCache windows;
    private final CampaignCoverage campaigns;

    public LiveContext(AssetDirectory assets, ZoneDirectory zones, WindowCache windows, CampaignCoverage campaigns) {
        this.assets = assets;
        this.zones = zones;
        this.windows = windows;
        this.campaigns = campaigns;
    }

    @Override
    public Optional<AssetView> assetById(UUID id) {
        return assets.byId(id);
    }

    @Override
    public Optional<AssetView> assetByTag(String tag) {
        return assets.byTag(tag);
    }

    @Override
    public Optional<AssetView> assetByIp(String ip) {
        return assets.byIp(ip);
    }

    @Override
    public Optional<ZoneView> zone(UUID id) {
        return zones.zone(id);
    }

    @Override
    public boolean conduitDeclared(UUID zoneA, UUID zoneB) {
        return zones.conduit(zoneA, zoneB);
    }

    @Override
    public Optional<Boolean> inMaintenanceWindow(UUID siteId, Instant at) {
        return windows.open(siteId, at);
    }

    @Override
    public boolean campaignCovers(UUID assetId, String version, Instant at) {
        return campaigns.covers(assetId, version, at);
    }
}
