package io.converge.kpi.store;

import io.converge.events.KpiAlarmData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Alarms (table alarm). Each write method takes the client of the caller's transaction, in which the caller also
 * writes the outbox row of the transition. At most one open (active or acknowledged) alarm per rule and asset (or per
 * rule for a line KPI alarm) is enforced by a partial unique index: a second raise is a no-op.
 */
@ApplicationScoped
public class AlarmRepository {

    /** A stored alarm with the copy of its rule's condition. {@code assetId} is null for a line KPI alarm. */
    public record Alarm(UUID id, UUID ruleId, long seq, String state, String severity, String scope, UUID assetId,
            String assetTag, UUID lineId, String metric, String kpi, Integer widthSeconds, String operator,
            double threshold, double hysteresis, String description, Instant raisedAt, Double raiseValue,
            String acknowledgedBy, Instant acknowledgedAt, String ackComment, Instant clearedAt, Double clearValue,
            String clearedBy) {

        public boolean open() {
            return !"cleared".equals(state);
        }

        /** The event of a transition of this alarm (its state after the transition). */
        public KpiAlarmData event(String transition) {
            return new KpiAlarmData(id, ruleId, transition, state, seq, severity, scope, assetId, assetTag, lineId,
                    metric, kpi, widthSeconds == null ? null : Duration.ofSeconds(widthSeconds).toString(), operator,
                    threshold, hysteresis, description, raisedAt, raiseValue, acknowledgedBy, acknowledgedAt,
                    ackComment, clearedAt, clearValue, clearedBy);
        }
    }

    /** One page of alarms, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Alarm> items, String nextCursor) {
    }

    /** Where an alarm is raised: the rule, and the asset (null for a line KPI alarm) with its line. */
    public record Raise(AlarmRuleRepository.Rule rule, UUID assetId, String assetTag, UUID lineId, Instant at,
            Double value) {
    }

    /** The open alarm of a rule and asset, as kept in memory to resume trackers. */
    public record Open(UUID ruleId, UUID assetId, String state, long seq) {
    }

    private static final String COLUMNS = "id, rule_id, seq, state, severity, scope, asset_id, asset_tag, line_id,"
            + " metric, kpi, width_s, operator, threshold, hysteresis, description, raised_at, raise_value,"
            + " acknowledged_by, acknowledged_at, ack_comment, cleared_at, clear_value, cleared_by";
    private static final String OPEN = "state IN ('active', 'acknowledged')";
    private static final String NIL = "'00000000-0000-0000-0000-000000000000'::uuid";
    private final Pool pool;

    public AlarmRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Alarms newest first (raise time, then id). {@code states} null means every state; {@code assetTag} and
     * {@code lineId} filter on where the alarm is (an asset's alarms include those of line rules on it).
     */
    public Uni<Page> list(List<String> states, String scope, String assetTag, UUID lineId, String severity,
            UUID cursor, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM alarm WHERE ($1::text[] IS NULL OR state = ANY($1))"
                + " AND ($2::text IS NULL OR scope = $2 OR asset_tag = $3 OR line_id = $4)"
                + " AND ($5::text IS NULL OR severity = $5)"
                + " AND ($6::uuid IS NULL OR (raised_at, id) < (SELECT raised_at, id FROM alarm WHERE id = $6))"
                + " ORDER BY raised_at DESC, id DESC LIMIT $7";
        return pool.preparedQuery(sql).execute(Tuple.from(new Object[] {
                states == null ? null : states.toArray(String[]::new), scope, assetTag, lineId, severity, cursor,
                limit + 1})).map(rs -> {
                    List<Alarm> items = all(rs);
                    if (items.size() <= limit) {
                        return new Page(items, null);
                    }
                    List<Alarm> page = List.copyOf(items.subList(0, limit));
                    return new Page(page, page.getLast().id().toString());
                });
    }

    public Uni<Optional<Alarm>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM alarm WHERE id = $1").execute(Tuple.of(id))
                .map(AlarmRepository::first);
    }

    /** Every open alarm, to resume the trackers. */
    public Uni<List<Open>> open() {
        return pool.query("SELECT rule_id, asset_id, state, seq FROM alarm WHERE " + OPEN).execute().map(rs -> {
            List<Open> out = new ArrayList<>(rs.size());
            rs.forEach(r -> out.add(new Open(r.getUUID("rule_id"), r.getUUID("asset_id"), r.getString("state"),
                    r.getLong("seq"))));
            return out;
        });
    }

    /**
     * Inserts an active alarm with the next sequence number; empty when one is open already, or when the rule was
     * deleted or disabled meanwhile (another replica's cache may still hold it until its next refresh).
     */
    public Uni<Optional<Alarm>> raise(SqlClient c, Raise r) {
        AlarmRuleRepository.Rule rule = r.rule();
        return c.preparedQuery("INSERT INTO alarm (id, rule_id, scope, metric, kpi, width_s, operator, threshold,"
                + " hysteresis, description, asset_id, asset_tag, line_id, severity, raised_at, raise_value, state,"
                + " seq)"
                + " SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'active',"
                + " COALESCE(max(seq), 0) + 1 FROM alarm WHERE rule_id = $2 AND asset_id IS NOT DISTINCT FROM $11"
                + " HAVING EXISTS (SELECT 1 FROM alarm_rule WHERE id = $2 AND enabled)"
                + " ON CONFLICT (rule_id, COALESCE(asset_id, " + NIL + ")) WHERE " + OPEN + " DO NOTHING"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), rule.id(), rule.scope(), rule.metric(),
                        rule.kpi(), rule.widthSeconds(), rule.operator(), rule.threshold(), rule.hysteresis(),
                        rule.description(), r.assetId(), r.assetTag(), r.lineId(), rule.severity(), utc(r.at()),
                        r.value()}))
                .map(AlarmRepository::first);
    }

    /** Acknowledges an active alarm; empty when it is not active (or does not exist). */
    public Uni<Optional<Alarm>> acknowledge(SqlClient c, UUID id, String actor, String comment) {
        return c.preparedQuery("UPDATE alarm SET state = 'acknowledged', acknowledged_by = $2,"
                + " acknowledged_at = now(), ack_comment = $3, updated_at = now() WHERE id = $1 AND state = 'active'"
                + " RETURNING " + COLUMNS).execute(Tuple.of(id, actor, comment)).map(AlarmRepository::first);
    }

    /** Clears the open alarm of the rule and asset (null: the line alarm); empty when none is open. */
    public Uni<Optional<Alarm>> clear(SqlClient c, UUID ruleId, UUID assetId, Instant at, Double value) {
        return c.preparedQuery("UPDATE alarm SET state = 'cleared', cleared_at = $3, clear_value = $4,"
                + " updated_at = now() WHERE rule_id = $1 AND asset_id IS NOT DISTINCT FROM $2 AND " + OPEN
                + " RETURNING " + COLUMNS).execute(Tuple.of(ruleId, assetId, utc(at), value))
                .map(AlarmRepository::first);
    }

    /** Clears every open alarm of a rule because the rule changed or went away ({@code actor} did it). */
    public Uni<List<Alarm>> clearAll(SqlClient c, UUID ruleId, String actor) {
        return c.preparedQuery("UPDATE alarm SET state = 'cleared', cleared_at = now(), cleared_by = $2,"
                + " updated_at = now() WHERE rule_id = $1 AND " + OPEN + " RETURNING " + COLUMNS)
                .execute(Tuple.of(ruleId, actor)).map(AlarmRepository::all);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static List<Alarm> all(RowSet<Row> rs) {
        List<Alarm> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Optional<Alarm> first(RowSet<Row> rs) {
        return rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next()));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Alarm map(Row r) {
        return new Alarm(r.getUUID("id"), r.getUUID("rule_id"), r.getLong("seq"), r.getString("state"),
                r.getString("severity"), r.getString("scope"), r.getUUID("asset_id"), r.getString("asset_tag"),
                r.getUUID("line_id"), r.getString("metric"), r.getString("kpi"), r.getInteger("width_s"),
                r.getString("operator"), r.getDouble("threshold"), r.getDouble("hysteresis"),
                r.getString("description"), instant(r, "raised_at"), r.getDouble("raise_value"),
                r.getString("acknowledged_by"), instant(r, "acknowledged_at"), r.getString("ack_comment"),
                instant(r, "cleared_at"), r.getDouble("clear_value"), r.getString("cleared_by"));
    }
}
