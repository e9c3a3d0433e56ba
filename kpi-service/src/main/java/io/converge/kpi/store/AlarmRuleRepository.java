package io.converge.kpi.store;

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

/** Alarm rules (table alarm_rule); replacing is optimistic on {@code version}. */
@ApplicationScoped
public class AlarmRuleRepository {

    /**
     * A validated rule definition: exactly one of {@code metric} and {@code kpi}; {@code widthSeconds} only (and
     * always) with a KPI; operator is a symbol, severity lower case.
     */
    public record Spec(String scope, String metric, String kpi, Integer widthSeconds, String operator,
            double threshold, long forSeconds, String severity, double hysteresis, String description,
            boolean enabled) {

        /** True when the two specs evaluate the same condition (scope, input, comparison, timing, enabled). */
        public boolean sameCondition(Spec o) {
            return scope.equals(o.scope) && java.util.Objects.equals(metric, o.metric)
                    && java.util.Objects.equals(kpi, o.kpi) && java.util.Objects.equals(widthSeconds, o.widthSeconds)
                    && operator.equals(o.operator) && threshold == o.threshold && forSeconds == o.forSeconds
                    && hysteresis == o.hysteresis && enabled == o.enabled;
        }
    }

    /** A stored rule. */
    public record Rule(UUID id, String scope, String metric, String kpi, Integer widthSeconds, String operator,
            double threshold, long forSeconds, String severity, double hysteresis, String description,
            boolean enabled, long version, String createdBy, Instant createdAt, String updatedBy,
            Instant updatedAt) {

        public Spec spec() {
            return new Spec(scope, metric, kpi, widthSeconds, operator, threshold, forSeconds, severity, hysteresis,
                    description, enabled);
        }
    }

    private static final String COLUMNS = "id, scope, metric, kpi, width_s, operator, threshold, for_s, severity,"
            + " hysteresis, description, enabled, version, created_by, created_at, updated_by, updated_at";
    private final Pool pool;

    public AlarmRuleRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every rule, or those of one scope, oldest first. */
    public Uni<List<Rule>> list(String scope) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM alarm_rule WHERE ($1::text IS NULL OR scope = $1)"
                + " ORDER BY created_at, id").execute(Tuple.of(scope)).map(AlarmRuleRepository::all);
    }

    public Uni<Optional<Rule>> find(UUID id) {
        return find(pool, id, false);
    }

    /** The rule, locked for update when {@code lock} (inside a transaction). */
    public Uni<Optional<Rule>> find(SqlClient c, UUID id, boolean lock) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM alarm_rule WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(AlarmRuleRepository::first);
    }

    public Uni<Rule> insert(Spec s, String actor) {
        return pool.preparedQuery("INSERT INTO alarm_rule (id, scope, metric, kpi, width_s, operator, threshold, for_s,"
                + " severity, hysteresis, description, enabled, created_by, updated_by)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), s.scope(), s.metric(), s.kpi(), s.widthSeconds(),
                        s.operator(), s.threshold(), s.forSeconds(), s.severity(), s.hysteresis(), s.description(),
                        s.enabled(), actor}))
                .map(rs -> first(rs).orElseThrow());
    }

    /** Replaces the rule (the caller checked its version under a lock). */
    public Uni<Rule> replace(SqlClient c, UUID id, Spec s, String actor) {
        return c.preparedQuery("UPDATE alarm_rule SET scope = $2, metric = $3, kpi = $4, width_s = $5, operator = $6,"
                + " threshold = $7, for_s = $8, severity = $9, hysteresis = $10, description = $11, enabled = $12,"
                + " updated_by = $13, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {id, s.scope(), s.metric(), s.kpi(), s.widthSeconds(), s.operator(),
                        s.threshold(), s.forSeconds(), s.severity(), s.hysteresis(), s.description(), s.enabled(),
                        actor}))
                .map(rs -> first(rs).orElseThrow());
    }

    public Uni<Integer> delete(SqlClient c, UUID id) {
        return c.preparedQuery("DELETE FROM alarm_rule WHERE id = $1").execute(Tuple.of(id)).map(rs -> rs.rowCount());
    }

    private static List<Rule> all(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        List<Rule> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Optional<Rule> first(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        return rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next()));
    }

    private static Rule map(Row r) {
        return new Rule(r.getUUID("id"), r.getString("scope"), r.getString("metric"), r.getString("kpi"),
                r.getInteger("width_s"), r.getString("operator"), r.getDouble("threshold"), r.getLong("for_s"),
                r.getString("severity"), r.getDouble("hysteresis"), r.getString("description"),
                r.getBoolean("enabled"), r.getLong("version"), r.getString("created_by"),
                r.getOffsetDateTime("created_at").toInstant(), r.getString("updated_by"),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
