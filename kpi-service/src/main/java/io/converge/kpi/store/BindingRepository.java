package io.converge.kpi.store;

import io.converge.kpi.api.BindingInput;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KPI bindings, one per scope; writes are optimistic on {@code version}. */
@ApplicationScoped
public class BindingRepository {

    /** A stored binding. */
    public record Binding(String scope, String stateMetric, String downReasonMetric, String goodCountMetric,
            String scrapCountMetric, String energyMetric, long version, Instant updatedAt, String updatedBy) {
    }

    private static final String COLUMNS = "scope, state_metric, down_reason_metric, good_count_metric,"
            + " scrap_count_metric, energy_metric, version, updated_at, updated_by";
    private final Pool pool;

    public BindingRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Binding>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM kpi_binding ORDER BY scope").execute().map(rs -> {
            List<Binding> out = new ArrayList<>(rs.size());
            rs.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    public Uni<Optional<Binding>> find(String scope) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM kpi_binding WHERE scope = $1").execute(Tuple.of(scope))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Inserts; empty when the scope already has a binding. */
    public Uni<Optional<Binding>> insert(String scope, BindingInput in, String actor) {
        return pool.preparedQuery("INSERT INTO kpi_binding (scope, state_metric, down_reason_metric, good_count_metric,"
                + " scrap_count_metric, energy_metric, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (scope) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {scope, in.stateMetric(), in.downReasonMetric(),
                        in.goodCountMetric(), in.scrapCountMetric(), in.energyMetric(), actor}))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Replaces when the stored version is {@code expected} (any version when null); empty otherwise. */
    public Uni<Optional<Binding>> replace(String scope, BindingInput in, Long expected, String actor) {
        return pool.preparedQuery("UPDATE kpi_binding SET state_metric = $2, down_reason_metric = $3,"
                + " good_count_metric = $4, scrap_count_metric = $5, energy_metric = $6, updated_by = $7,"
                + " version = version + 1, updated_at = now() WHERE scope = $1 AND ($8::bigint IS NULL OR version = $8)"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {scope, in.stateMetric(), in.downReasonMetric(),
                        in.goodCountMetric(), in.scrapCountMetric(), in.energyMetric(), actor, expected}))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Deletes when the stored version is {@code expected} (any when null); the number of rows deleted. */
    public Uni<Integer> delete(String scope, Long expected) {
        return pool.preparedQuery("DELETE FROM kpi_binding WHERE scope = $1 AND ($2::bigint IS NULL OR version = $2)")
                .execute(Tuple.of(scope, expected)).map(rs -> rs.rowCount());
    }

    private static Binding map(Row r) {
        return new Binding(r.getString("scope"), r.getString("state_metric"), r.getString("down_reason_metric"),
                r.getString("good_count_metric"), r.getString("scrap_count_metric"), r.getString("energy_metric"),
                r.getLong("version"), r.getOffsetDateTime("updated_at").toInstant(), r.getString("updated_by"));
    }
}
