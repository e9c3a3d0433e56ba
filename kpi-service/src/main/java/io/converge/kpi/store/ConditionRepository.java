package io.converge.kpi.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Condition bindings (asset tag + metric → threshold, direction, EWMA α, regression window; optimistic on
 * {@code version}), the latest prediction per asset and metric, and the stored samples a predictor is rebuilt from.
 */
@ApplicationScoped
public class ConditionRepository {

    /** What a binding says, without its identity and bookkeeping. */
    public record Spec(String label, double threshold, String direction, double alpha, int windowSize) {
    }

    /** A stored condition binding. */
    public record ConditionBinding(String assetTag, String metric, String label, double threshold, String direction,
            double alpha, int windowSize, long version, Instant updatedAt, String updatedBy) {
    }

    /** The latest prediction of one asset's condition metric, as of the latest sample fed ({@code asOf}). */
    public record ConditionState(UUID assetId, String assetTag, String metric, Instant asOf, int samples,
            double lastValue, double smoothed, Double slopePerHour, Double hoursToCrossing, Instant predictedCrossing,
            String undefinedReason, double confidence, Double lastZ, boolean anomaly, int anomalyCount,
            Instant lastAnomalyAt) {
    }

    /** A stored numeric sample. */
    public record Point(Instant ts, double value) {
    }

    private static final String COLUMNS = "asset_tag, metric, label, threshold, direction, alpha, window_size,"
            + " version, updated_at, updated_by";
    private static final String STATE_COLUMNS = "asset_id, asset_tag, metric, as_of, samples, last_value, smoothed,"
            + " slope_per_hour, hours_to_crossing, predicted_crossing, undefined_reason, confidence, last_z, anomaly,"
            + " anomaly_count, last_anomaly_at";
    private final Pool pool;

    public ConditionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every binding, or those of one asset tag; by tag and metric. */
    public Uni<List<ConditionBinding>> all(String assetTag) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM condition_binding WHERE ($1::text IS NULL OR"
                + " asset_tag = $1) ORDER BY asset_tag, metric").execute(Tuple.of(assetTag))
                .map(ConditionRepository::bindings);
    }

    public Uni<Optional<ConditionBinding>> find(String assetTag, String metric) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM condition_binding WHERE asset_tag = $1 AND metric = $2")
                .execute(Tuple.of(assetTag, metric)).map(rs -> first(rs).map(ConditionRepository::binding));
    }

    /** Inserts; empty when the asset and metric already have a binding. */
    public Uni<Optional<ConditionBinding>> insert(String assetTag, String metric, Spec s, String actor) {
        return pool.preparedQuery("INSERT INTO condition_binding (asset_tag, metric, label, threshold, direction,"
                + " alpha, window_size, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                + " ON CONFLICT (asset_tag, metric) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {assetTag, metric, s.label(), s.threshold(), s.direction(),
                        s.alpha(), s.windowSize(), actor}))
                .map(rs -> first(rs).map(ConditionRepository::binding));
    }

    /** Replaces when the stored version is {@code expected} (any when null); empty otherwise. */
    public Uni<Optional<ConditionBinding>> replace(String assetTag, String metric, Spec s, Long expected,
            String actor) {
        return pool.preparedQuery("UPDATE condition_binding SET label = $3, threshold = $4, direction = $5,"
                + " alpha = $6, window_size = $7, updated_by = $8, version = version + 1, updated_at = now()"
                + " WHERE asset_tag = $1 AND metric = $2 AND ($9::bigint IS NULL OR version = $9) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {assetTag, metric, s.label(), s.threshold(), s.direction(),
                        s.alpha(), s.windowSize(), actor, expected}))
                .map(rs -> first(rs).map(ConditionRepository::binding));
    }

    /** Deletes the binding (when at {@code expected}, any when null) and its predictions; rows deleted. */
    public Uni<Integer> delete(SqlClient c, String assetTag, String metric, Long expected) {
        return c.preparedQuery("DELETE FROM condition_binding WHERE asset_tag = $1 AND metric = $2"
                + " AND ($3::bigint IS NULL OR version = $3)").execute(Tuple.of(assetTag, metric, expected))
                .flatMap(rs -> rs.rowCount() == 0 ? Uni.createFrom().item(0)
                        : c.preparedQuery("DELETE FROM condition_state WHERE asset_tag = $1 AND metric = $2")
                                .execute(Tuple.of(assetTag, metric)).map(x -> rs.rowCount()));
    }

    /** The latest prediction of the asset tag's metric (the most recent when the tag moved between asset ids). */
    public Uni<Optional<ConditionState>> state(String assetTag, String metric) {
        return pool.preparedQuery("SELECT " + STATE_COLUMNS + " FROM condition_state WHERE asset_tag = $1"
                + " AND metric = $2 ORDER BY as_of DESC LIMIT 1").execute(Tuple.of(assetTag, metric))
                .map(rs -> first(rs).map(ConditionRepository::state));
    }

    /**
     * Writes the latest prediction; {@code newAnomalies} are added to the stored count and {@code lastAnomalyAt}
     * keeps the stored time when null.
     */
    public Uni<Void> upsertState(SqlClient c, ConditionState s, int newAnomalies) {
        return c.preparedQuery("INSERT INTO condition_state (" + STATE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6,"
                + " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (asset_id, metric) DO UPDATE SET"
                + " asset_tag = EXCLUDED.asset_tag, as_of = EXCLUDED.as_of, samples = EXCLUDED.samples,"
                + " last_value = EXCLUDED.last_value, smoothed = EXCLUDED.smoothed,"
                + " slope_per_hour = EXCLUDED.slope_per_hour, hours_to_crossing = EXCLUDED.hours_to_crossing,"
                + " predicted_crossing = EXCLUDED.predicted_crossing, undefined_reason = EXCLUDED.undefined_reason,"
                + " confidence = EXCLUDED.confidence, last_z = EXCLUDED.last_z, anomaly = EXCLUDED.anomaly,"
                + " anomaly_count = condition_state.anomaly_count + $15,"
                + " last_anomaly_at = COALESCE(EXCLUDED.last_anomaly_at, condition_state.last_anomaly_at),"
                + " updated_at = now()")
                .execute(Tuple.from(new Object[] {s.assetId(), s.assetTag(), s.metric(), utc(s.asOf()), s.samples(),
                        s.lastValue(), s.smoothed(), s.slopePerHour(), s.hoursToCrossing(),
                        utc(s.predictedCrossing()), s.undefinedReason(), s.confidence(), s.lastZ(), s.anomaly(),
                        newAnomalies, utc(s.lastAnomalyAt())}))
                .replaceWithVoid();
    }

    /** The last {@code limit} good numeric samples of a series before {@code before}, oldest first. */
    public Uni<List<Point>> recentSamples(UUID assetId, String metric, Instant before, int limit) {
        return pool.preparedQuery("SELECT ts, value FROM (SELECT ts, value FROM kpi_sample WHERE asset_id = $1"
                + " AND metric = $2 AND ts < $3 AND quality = 0 AND value IS NOT NULL ORDER BY ts DESC LIMIT $4) s"
                + " ORDER BY ts").execute(Tuple.of(assetId, metric, utc(before), limit)).map(rs -> {
                    List<Point> out = new ArrayList<>(rs.size());
                    rs.forEach(r -> out.add(new Point(r.getOffsetDateTime("ts").toInstant(), r.getDouble("value"))));
                    return out;
                });
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Optional<Row> first(RowSet<Row> rs) {
        return rs.size() == 0 ? Optional.empty() : Optional.of(rs.iterator().next());
    }

    private static List<ConditionBinding> bindings(RowSet<Row> rs) {
        List<ConditionBinding> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(binding(r)));
        return out;
    }

    private static ConditionBinding binding(Row r) {
        return new ConditionBinding(r.getString("asset_tag"), r.getString("metric"), r.getString("label"),
                r.getDouble("threshold"), r.getString("direction"), r.getDouble("alpha"), r.getInteger("window_size"),
                r.getLong("version"), instant(r, "updated_at"), r.getString("updated_by"));
    }

    private static ConditionState state(Row r) {
        return new ConditionState(r.getUUID("asset_id"), r.getString("asset_tag"), r.getString("metric"),
                instant(r, "as_of"), r.getInteger("samples"), r.getDouble("last_value"), r.getDouble("smoothed"),
                r.getDouble("slope_per_hour"), r.getDouble("hours_to_crossing"), instant(r, "predicted_crossing"),
                r.getString("undefined_reason"), r.getDouble("confidence"), r.getDouble("last_z"),
                r.getBoolean("anomaly"), r.getInteger("anomaly_count"), instant(r, "last_anomaly_at"));
    }
}
