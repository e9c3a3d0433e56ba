package io.converge.security.store;

import io.converge.security.domain.AssetView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The stored local views of assets, campaigns and deployments (rebuilt into memory at start). */
@ApplicationScoped
public class ContextStore {

    /** A deployment action of a campaign, as patch events told it. */
    public record Deployment(UUID actionId, UUID campaignId, UUID assetId, String toVersion, String state,
            Instant at) {
    }

    /** A campaign's last known state. */
    public record CampaignState(UUID id, String state, Instant at) {
    }

    private final Pool pool;

    public ContextStore(Pool pool) {
        this.pool = pool;
    }

    /** Writes the asset if this version is newer than the stored one; true when it was written. */
    /** An asset view to store and whether the asset was deleted. */
    public record AssetChange(AssetView asset, boolean deleted) {
    }

    /**
     * Stores asset views in one statement: per asset the highest version of the list (a deletion over a live view
     * of the same version); a stored view is replaced only by a newer version or a deletion.
     */
    public Uni<Void> upsertAssets(List<AssetChange> changes) {
        Map<UUID, AssetChange> latest = new LinkedHashMap<>();
        changes.forEach(ch -> latest.merge(ch.asset().id(), ch, (x, y) -> y.asset().version() > x.asset().version()
                || y.asset().version() == x.asset().version() && (y.deleted() || !x.deleted()) ? y : x));
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AssetView> l = latest.values().stream().map(AssetChange::asset).toList();
        return pool.preparedQuery("INSERT INTO asset_view (id, tag, name, domain, type, criticality, status,"
                + " ip_address, site_id, line_id, zone_id, firmware, version, deleted) SELECT * FROM unnest("
                + "$1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],"
                + " $9::uuid[], $10::uuid[], $11::uuid[], $12::text[], $13::bigint[], $14::boolean[])"
                + " ON CONFLICT (id) DO UPDATE SET"
                + " tag=excluded.tag, name=excluded.name, domain=excluded.domain, type=excluded.type,"
                + " criticality=excluded.criticality, status=excluded.status, ip_address=excluded.ip_address,"
                + " site_id=excluded.site_id, line_id=excluded.line_id, zone_id=excluded.zone_id,"
                + " firmware=excluded.firmware, version=excluded.version, deleted=excluded.deleted"
                + " WHERE asset_view.version < excluded.version OR excluded.deleted AND NOT asset_view.deleted")
                .execute(Tuple.from(new Object[] {l.stream().map(AssetView::id).toArray(UUID[]::new),
                    l.stream().map(AssetView::tag).toArray(String[]::new),
                    l.stream().map(AssetView::name).toArray(String[]::new),
                    l.stream().map(AssetView::domain).toArray(String[]::new),
                    l.stream().map(AssetView::type).toArray(String[]::new),
                    l.stream().map(AssetView::criticality).toArray(String[]::new),
                    l.stream().map(AssetView::status).toArray(String[]::new),
                    l.stream().map(AssetView::ipAddress).toArray(String[]::new),
                    l.stream().map(AssetView::siteId).toArray(UUID[]::new),
                    l.stream().map(AssetView::lineId).toArray(UUID[]::new),
                    l.stream().map(AssetView::zoneId).toArray(UUID[]::new),
                    l.stream().map(AssetView::firmwareVersion).toArray(String[]::new),
                    l.stream().map(AssetView::version).toArray(Long[]::new),
                    latest.values().stream().map(AssetChange::deleted).toArray(Boolean[]::new)}))
                .replaceWithVoid();
    }

    public Uni<List<AssetView>> assets() {
        return pool.query("SELECT * FROM asset_view WHERE NOT deleted").execute()
                .map(rs -> {
                    List<AssetView> out = new java.util.ArrayList<>();
                    rs.forEach(r -> out.add(asset(r)));
                    return out;
                });
    }

    /** Campaign states, one statement; the latest per campaign wins (an older state never overwrites a newer). */
    public Uni<Void> upsertCampaigns(List<CampaignState> states) {
        Map<UUID, CampaignState> latest = new LinkedHashMap<>();
        states.forEach(c -> latest.merge(c.id(), c, (x, y) -> y.at().isBefore(x.at()) ? x : y));
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CampaignState> l = List.copyOf(latest.values());
        return pool.preparedQuery("INSERT INTO campaign_view (id, state, updated_at) SELECT * FROM"
                + " unnest($1::uuid[], $2::text[], $3::timestamptz[]) ON CONFLICT (id) DO UPDATE SET"
                + " state=excluded.state, updated_at=excluded.updated_at"
                + " WHERE campaign_view.updated_at <= excluded.updated_at")
                .execute(Tuple.of(l.stream().map(CampaignState::id).toArray(UUID[]::new),
                        l.stream().map(CampaignState::state).toArray(String[]::new),
                        l.stream().map(c -> c.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /**
     * Deployment states, one statement; per action the latest in the list wins, and a stored state is replaced only by
     * one at least as recent (a redelivered older event does not move a deployment back).
     */
    public Uni<Void> upsertDeployments(List<Deployment> deployments) {
        Map<UUID, Deployment> latest = new LinkedHashMap<>();
        deployments.forEach(d -> latest.merge(d.actionId(), d, (x, y) -> y.at().isBefore(x.at()) ? x : y));
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Deployment> l = List.copyOf(latest.values());
        return pool.preparedQuery("INSERT INTO deployment_view (action_id, campaign_id, asset_id, to_version, state,"
                + " at) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],"
                + " $6::timestamptz[]) ON CONFLICT (action_id) DO UPDATE SET state=excluded.state, at=excluded.at"
                + " WHERE deployment_view.at <= excluded.at")
                .execute(Tuple.from(new Object[] {l.stream().map(Deployment::actionId).toArray(UUID[]::new),
                    l.stream().map(Deployment::campaignId).toArray(UUID[]::new),
                    l.stream().map(Deployment::assetId).toArray(UUID[]::new),
                    l.stream().map(Deployment::toVersion).toArray(String[]::new),
                    l.stream().map(Deployment::state).toArray(String[]::new),
                    l.stream().map(d -> d.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)}))
                .replaceWithVoid();
    }

    public Uni<List<CampaignState>> campaigns() {
        return pool.query("SELECT id, state, updated_at FROM campaign_view").execute().map(rs -> {
            List<CampaignState> out = new java.util.ArrayList<>();
            rs.forEach(r -> out.add(new CampaignState(r.getUUID("id"), r.getString("state"),
                    r.getOffsetDateTime("updated_at").toInstant())));
            return out;
        });
    }

    /** Deployments offered since {@code since} (older ones cover no firmware change any more). */
    public Uni<List<Deployment>> deployments(Instant since) {
        return pool.preparedQuery("SELECT * FROM deployment_view WHERE at >= $1")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC))).map(rs -> {
                    List<Deployment> out = new java.util.ArrayList<>();
                    rs.forEach(r -> out.add(new Deployment(r.getUUID("action_id"), r.getUUID("campaign_id"),
                            r.getUUID("asset_id"), r.getString("to_version"), r.getString("state"),
                            r.getOffsetDateTime("at").toInstant())));
                    return out;
                });
    }

    private static AssetView asset(Row r) {
        return new AssetView(r.getUUID("id"), r.getString("tag"), r.getString("name"), r.getString("domain"),
                r.getString("type"), r.getString("criticality"), r.getString("status"), r.getString("ip_address"),
                r.getUUID("site_id"), r.getUUID("line_id"), r.getUUID("zone_id"), r.getString("firmware"),
                r.getLong("version"));
    }
}
