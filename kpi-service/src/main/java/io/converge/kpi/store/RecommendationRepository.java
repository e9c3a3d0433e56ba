package io.converge.kpi.store;

import static io.converge.kpi.store.ConditionRepository.instant;
import static io.converge.kpi.store.ConditionRepository.utc;

import io.converge.kpi.domain.MaintenancePolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maintenance recommendations (at most one open per asset and metric) and their ranked listing. The risk is computed
 * in SQL from {@link MaintenancePolicy#WEIGHTS} so that {@code limit} applies after ordering; resolved ones rank 0.
 */
@ApplicationScoped
public class RecommendationRepository {

    /** A stored recommendation. */
    public record Recommendation(UUID id, UUID assetId, String assetTag, String metric, String label, double threshold,
            String direction, String state, Instant predictedCrossing, double hoursAtOpen, Double hoursToCrossing,
            double confidence, Double slopePerHour, String severity, Instant asOf, Instant publishedCrossing,
            String publishedSeverity, String resolveReason, Instant openedAt, Instant updatedAt,
            Instant resolvedAt) {
    }

    /** A listed recommendation with the risk inputs from the asset view and the condition state. */
    public record Listed(Recommendation rec, UUID siteId, UUID lineId, String criticality, int criticalityWeight,
            double urgency, double risk, boolean anomaly, int anomalyCount, Instant lastAnomalyAt, Double lastZ) {
    }

    /** The figures an update writes (with the binding's current label, threshold and direction). */
    public record Figures(Instant predictedCrossing, Double hoursToCrossing, double confidence, Double slopePerHour,
            String severity, Instant asOf, String label, double threshold, String direction) {
    }

    private static final String COLUMNS = "r.id, r.asset_id, r.asset_tag, r.metric, r.label, r.threshold,"
            + " r.direction, r.state, r.predicted_crossing, r.hours_at_open, r.hours_to_crossing, r.confidence,"
            + " r.slope_per_hour, r.severity, r.as_of, r.published_crossing, r.published_severity, r.resolve_reason,"
            + " r.opened_at, r.updated_at, r.resolved_at";
    private static final String WEIGHT_SQL = "(CASE lower(a.criticality) " + MaintenancePolicy.WEIGHTS.entrySet()
            .stream().map(e -> "WHEN '" + e.getKey() + "' THEN " + e.getValue()).collect(Collectors.joining(" "))
            + " ELSE " + MaintenancePolicy.UNKNOWN_WEIGHT + " END)";
    private static final String URGENCY_SQL = "(CASE WHEN r.state = 'open' THEN COALESCE(GREATEST(0, LEAST(1,"
            + " 1 - r.hours_to_crossing / $1)), 0) ELSE 0 END)";

    private final Pool pool;

    public RecommendationRepository(Pool pool) {
        this.pool = pool;
    }

    /** The open recommendation of an asset's metric, locked for the caller's transaction. */
    public Uni<Optional<Recommendation>> openFor(SqlClient c, UUID assetId, String metric) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM maintenance_recommendation r WHERE r.asset_id = $1"
                + " AND r.metric = $2 AND r.state = 'open' FOR UPDATE").execute(Tuple.of(assetId, metric))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** The open recommendations of an asset tag's metric, locked. */
    public Uni<List<Recommendation>> openForTag(SqlClient c, String assetTag, String metric) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM maintenance_recommendation r WHERE r.asset_tag = $1"
                + " AND r.metric = $2 AND r.state = 'open' FOR UPDATE").execute(Tuple.of(assetTag, metric))
                .map(rs -> {
                    List<Recommendation> out = new ArrayList<>(rs.size());
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Void> insert(SqlClient c, Recommendation r) {
        return c.preparedQuery("INSERT INTO maintenance_recommendation (id, asset_id, asset_tag, metric, label,"
                + " threshold, direction, state, predicted_crossing, hours_at_open, hours_to_crossing, confidence,"
                + " slope_per_hour, severity, as_of, published_crossing, published_severity) VALUES ($1, $2, $3, $4,"
                + " $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13, $14, $8, $13)")
                .execute(Tuple.from(new Object[] {r.id(), r.assetId(), r.assetTag(), r.metric(), r.label(),
                        r.threshold(), r.direction(), utc(r.predictedCrossing()), r.hoursAtOpen(),
                        r.hoursToCrossing(), r.confidence(), r.slopePerHour(), r.severity(), utc(r.asOf())}))
                .replaceWithVoid();
    }

    /** Updates the figures; {@code published} also records them as what the last event said. */
    public Uni<Void> update(SqlClient c, UUID id, Figures f, boolean published) {
        return c.preparedQuery("UPDATE maintenance_recommendation SET predicted_crossing = $2, hours_to_crossing = $3,"
                + " confidence = $4, slope_per_hour = $5, severity = $6, as_of = $7, updated_at = now(),"
                + " published_crossing = CASE WHEN $8 THEN $2 ELSE published_crossing END,"
                + " published_severity = CASE WHEN $8 THEN $6 ELSE published_severity END, label = $9,"
                + " threshold = $10, direction = $11 WHERE id = $1")
                .execute(Tuple.from(new Object[] {id, utc(f.predictedCrossing()), f.hoursToCrossing(),
                        f.confidence(), f.slopePerHour(), f.severity(), utc(f.asOf()), published, f.label(),
                        f.threshold(), f.direction()}))
                .replaceWithVoid();
    }

    public Uni<Void> resolve(SqlClient c, UUID id, String reason, Instant asOf) {
        return c.preparedQuery("UPDATE maintenance_recommendation SET state = 'resolved', resolve_reason = $2,"
                + " as_of = GREATEST(as_of, COALESCE($3, as_of)), resolved_at = now(), updated_at = now()"
                + " WHERE id = $1").execute(Tuple.of(id, reason, utc(asOf))).replaceWithVoid();
    }

    /**
     * Recommendations by risk, highest first (then the earliest crossing, then the newest).
     *
     * @param state open, resolved or null for all
     */
    public Uni<List<Listed>> list(double horizonHours, UUID site, UUID line, String state, int limit) {
        String sql = "SELECT " + COLUMNS + ", a.site_id, a.line_id, a.criticality, " + WEIGHT_SQL + " AS weight, "
                + URGENCY_SQL + " AS urgency, " + WEIGHT_SQL + " * " + URGENCY_SQL + " AS risk,"
                + " COALESCE(s.anomaly, false) AS anomaly, COALESCE(s.anomaly_count, 0) AS anomaly_count,"
                + " s.last_anomaly_at, s.last_z"
                + " FROM maintenance_recommendation r LEFT JOIN kpi_asset a ON a.id = r.asset_id AND NOT a.deleted"
                + " LEFT JOIN condition_state s ON s.asset_id = r.asset_id AND s.metric = r.metric"
                + " WHERE ($2::uuid IS NULL OR a.site_id = $2) AND ($3::uuid IS NULL OR a.line_id = $3)"
                + " AND ($4::text IS NULL OR r.state = $4)"
                + " ORDER BY risk DESC, r.hours_to_crossing ASC NULLS LAST, r.updated_at DESC, r.id LIMIT $5";
        return pool.preparedQuery(sql).execute(Tuple.of(horizonHours, site, line, state, limit)).map(rs -> {
            List<Listed> out = new ArrayList<>(rs.size());
            for (Row r : rs) {
                out.add(new Listed(map(r), r.getUUID("site_id"), r.getUUID("line_id"), r.getString("criticality"),
                        r.getInteger("weight"), r.getDouble("urgency"), r.getDouble("risk"), r.getBoolean("anomaly"),
                        r.getInteger("anomaly_count"), instant(r, "last_anomaly_at"), r.getDouble("last_z")));
            }
            return out;
        });
    }

    private static Recommendation map(Row r) {
        return new Recommendation(r.getUUID("id"), r.getUUID("asset_id"), r.getString("asset_tag"),
                r.getString("metric"), r.getString("label"), r.getDouble("threshold"), r.getString("direction"),
                r.getString("state"), instant(r, "predicted_crossing"), r.getDouble("hours_at_open"),
                r.getDouble("hours_to_crossing"), r.getDouble("confidence"), r.getDouble("slope_per_hour"),
                r.getString("severity"), instant(r, "as_of"), instant(r, "published_crossing"),
                r.getString("published_severity"), r.getString("resolve_reason"), instant(r, "opened_at"),
                instant(r, "updated_at"), instant(r, "resolved_at"));
    }
}
