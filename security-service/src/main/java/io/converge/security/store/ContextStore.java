package io.converge.security.store;

import io.converge.security.domain.AssetView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
    public Uni<Boolean> upsertAsset(AssetView a, boolean deleted) {
        return pool.preparedQuery("INSERT INTO asset_view (id, tag, name, domain, type, criticality, status,"
                + " ip_address, site_id, line_id, zone_id, firmware, version, deleted)"
                + " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (id) DO UPDATE SET"
                + " tag=excluded.tag, name=excluded.name, domain=excluded.domain, type=excluded.type,"
                + " criticality=excluded.criticality, status=excluded.status, ip_address=excluded.ip_address,"
                + " site_id=excluded.site_id, line_id=excluded.line_id, zone_id=excluded.zone_id,"
                + " firmware=excluded.firmware, version=excluded.version, deleted=excluded.deleted"
                + " WHERE asset_view.version < excluded.version OR excluded.deleted AND NOT asset_view.deleted")
                .execute(Tuple.from(new Object[] {a.id(), a.tag(), a.name(), a.domain(), a.type(), a.criticality(),
                    a.status(), a.ipAddress(), a.siteId(), a.lineId(), a.zoneId(), a.firmwareVersion(), a.version(),
                    deleted}))
                .map(rs -> rs.rowCount() > 0);
    }

    public Uni<List<AssetView>> assets() {
        return pool.query("SELECT * FROM asset_view WHERE NOT deleted").execute()
                .map(rs -> {
                    List<AssetView> out = new java.util.ArrayList<>();
                    rs.forEach(r -> out.add(asset(r)));
                    return out;
                });
    }

    public Uni<Void> upsertCampaign(CampaignState c) {
        return pool.preparedQuery("INSERT INTO campaign_view (id, state, updated_at) VALUES ($1,$2,$3)"
                + " ON CONFLICT (id) DO UPDATE SET state=excluded.state, updated_at=excluded.updated_at"
                + " WHERE campaign_view.updated_at <= excluded.updated_at")
                .execute(Tuple.of(c.id(), c.state(), c.at().atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> upsertDeployment(Deployment d) {
        return pool.preparedQuery("INSERT INTO deployment_view (action_id, campaign_id, asset_id, to_version, state,"
                + " at) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (action_id) DO UPDATE SET state=excluded.state,"
                + " at=greatest(deployment_view.at, excluded.at)")
                .execute(Tuple.from(new Object[] {d.actionId(), d.campaignId(), d.assetId(), d.toVersion(), d.state(),
                    d.at().atOffset(ZoneOffset.UTC)}))
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
