package io.converge.kpi.api;

import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.store.RecommendationRepository;
import io.converge.kpi.store.RecommendationRepository.Listed;
import io.converge.kpi.store.RecommendationRepository.Recommendation;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.RoleNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Maintenance recommendations ranked by risk = criticality weight (low 1, medium 2, high 3, critical 4; 2 when the
 * asset view does not know it) × urgency (1 − hoursToCrossing / horizon, clamped to [0, 1]; resolved ones 0), highest
 * first. Every input of the ranking is in each item. A ranking, not a page: {@code limit} caps it, no cursor.
 */
@Path("/api/v1/kpis/maintenance")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    /**
     * One recommendation as listed.
     *
     * @param hoursToCrossing hours from {@code asOf} (the latest sample time) to the predicted crossing; 0 = crossed
     * @param anomaly         a z-score anomaly among the metric's last window of samples
     */
    public record Item(UUID id, String state, UUID assetId, String assetTag, UUID siteId, UUID lineId, String metric,
            String label, double threshold, String direction, String criticality, int criticalityWeight,
            Double hoursToCrossing, Instant predictedCrossing, double horizonHours, double urgency, double risk,
            double confidence, Double slopePerHour, String severity, boolean anomaly, int anomalyCount,
            Instant lastAnomalyAt, Double lastZ, double hoursAtOpen, Instant asOf, Instant openedAt,
            Instant updatedAt, Instant resolvedAt, String resolveReason) {

        static Item of(Listed l, double horizonHours) {
            Recommendation r = l.rec();
            return new Item(r.id(), r.state(), r.assetId(), r.assetTag(), l.siteId(), l.lineId(), r.metric(),
                    r.label(), r.threshold(), r.direction(), l.criticality(), l.criticalityWeight(),
                    r.hoursToCrossing(), r.predictedCrossing(), horizonHours, l.urgency(), l.risk(), r.confidence(),
                    r.slopePerHour(), r.severity(), l.anomaly(), l.anomalyCount(), l.lastAnomalyAt(), l.lastZ(),
                    r.hoursAtOpen(), r.asOf(), r.openedAt(), r.updatedAt(), r.resolvedAt(), r.resolveReason());
        }
    }

    private final RecommendationRepository recommendations;
    private final KpiConfig.Maintenance config;

    public MaintenanceResource(RecommendationRepository recommendations, KpiConfig config) {
        this.recommendations = recommendations;
        this.config = config.maintenance();
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Maintenance recommendations by risk (criticality × urgency), highest first")
    public Uni<List<Item>> list(@QueryParam("site") String site, @QueryParam("line") String line,
            @QueryParam("state") String state, @QueryParam("limit") String limit) {
        UUID siteId = site == null ? null : RequestParams.uuid("site", site);
        UUID lineId = line == null ? null : RequestParams.uuid("line", line);
        String st = state == null ? "open" : state;
        if (!List.of("open", "resolved", "all").contains(st)) {
            throw DomainException.badRequest("state must be open, resolved or all");
        }
        int max = limit(limit);
        double horizon = config.horizon().toNanos() / 3.6e12;
        return recommendations.list(horizon, siteId, lineId, st.equals("all") ? null : st, max)
                .map(l -> l.stream().map(x -> Item.of(x, horizon)).toList());
    }

    private int limit(String raw) {
        return RequestParams.limit(raw, config.defaultLimit(), config.maxLimit());
    }
}
