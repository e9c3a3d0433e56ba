package io.converge.asset.api;

import io.converge.asset.domain.SecurityZone;
import io.converge.asset.domain.ZoneReport;
import io.converge.asset.store.ConduitRepository;
import io.converge.asset.store.ZoneRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The IEC 62443 gap report over all zones, conduits and unzoned assets. */
@Path("/api/v1/zones/report")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Zones")
public class ZoneReportResource {

    /** How many unzoned assets the report lists (the count covers all of them). */
    static final int UNZONED_LIMIT = 100;

    private final Pool pool;
    private final ZoneRepository zones;
    private final ConduitRepository conduits;

    public ZoneReportResource(Pool pool, ZoneRepository zones, ConduitRepository conduits) {
        this.pool = pool;
        this.zones = zones;
        this.conduits = conduits;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "IEC 62443 gap report",
            description = "zones: SL-A below SL-T or not assessed (gap = SL-T − SL-A, not assessed counting as 0),"
                    + " largest gap first. conduits: SL-T above the SL-A of either end zone, with the weak end(s)."
                    + " unzonedAssets: how many assets are in no zone and the first 100, most critical first, then"
                    + " by tag.")
    public Uni<ZoneReport> report() {
        // one transaction: the three parts describe the same snapshot of the registry (repeatable read)
        return pool.withTransaction(c -> c.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .flatMap(x -> zones.all(c))
                .flatMap(all -> conduits.withTarget(c).flatMap(cs -> zones.unzonedAssets(c, UNZONED_LIMIT)
                        .map(unzoned -> {
                            Map<java.util.UUID, SecurityZone> byId = all.stream()
                                    .collect(Collectors.toMap(SecurityZone::id, Function.identity()));
                            return new ZoneReport(Instant.now(), ZoneReport.zoneGaps(all),
                                    ZoneReport.conduitGaps(cs, byId), unzoned);
                        }))));
    }
}
