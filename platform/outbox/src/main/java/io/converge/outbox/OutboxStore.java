package io.converge.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The transactional outbox table: events are written with the change and deleted once Kafka acknowledged them. */
@ApplicationScoped
public class OutboxStore {

    /**
     * An event waiting to be relayed. {@code payload} is the CloudEvents JSON; {@code traceparent} the trace context
     * of the change (null when untraced), filled in by {@link #add} and {@link #addAll} from the current span.
     */
    public record Pending(UUID id, String topic, String key, String payload, String traceparent) {

        public Pending(UUID id, String topic, String key, String payload) {
            this(id, topic, key, payload, null);
        }
    }

    public Uni<Void> add(SqlClient c, Pending e) {
        return c.preparedQuery("INSERT INTO outbox (id, topic, record_key, payload, traceparent)"
                + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(e.id(), e.topic(), e.key(), e.payload(), trace(e))).replaceWithVoid();
    }

    public Uni<Void> addAll(SqlClient c, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String current = TraceParent.current();
        return c.preparedQuery("INSERT INTO outbox (id, topic, record_key, payload, traceparent)"
                + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])")
                .execute(Tuple.of(events.stream().map(Pending::id).toArray(UUID[]::new),
                        events.stream().map(Pending::topic).toArray(String[]::new),
                        events.stream().map(Pending::key).toArray(String[]::new),
                        events.stream().map(Pending::payload).toArray(String[]::new),
                        events.stream().map(e -> e.traceparent() != null ? e.traceparent() : current)
                                .toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static String trace(Pending e) {
        return e.traceparent() != null ? e.traceparent() : TraceParent.current();
    }

    /** The oldest pending events, locked so that concurrent relays (several replicas) never send one twice. */
    public Uni<List<Pending>> claim(SqlClient c, int limit) {
        return c.preparedQuery("SELECT id, topic, record_key, payload, traceparent FROM outbox ORDER BY seq LIMIT $1"
                + " FOR UPDATE SKIP LOCKED").execute(Tuple.of(limit)).map(OutboxStore::pending);
    }

    /**
     * Claims and deletes the oldest pending events in one statement (rows locked with SKIP LOCKED, so concurrent
     * relays never take the same one), oldest first. The deletion is part of the caller's transaction: rolled back
     * when the events could not be sent, it leaves them in the outbox. One statement instead of a locking read and a
     * delete: each relayed event costs one row write instead of two.
     */
    public Uni<List<Pending>> take(SqlClient c, int limit) {
        return c.preparedQuery("WITH t AS (SELECT seq FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " DELETE FROM outbox o USING t WHERE o.seq = t.seq RETURNING o.seq, o.id, o.topic, o.record_key,"
                + " o.payload, o.traceparent").execute(Tuple.of(limit)).map(rs -> {
                    List<Row> rows = new ArrayList<>(rs.size());
                    rs.forEach(rows::add);
                    // RETURNING follows no order: the oldest first, as they were written
                    rows.sort(java.util.Comparator.comparingLong(r -> r.getLong("seq")));
                    List<Pending> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(pending(r)));
                    return out;
                });
    }

    private static Pending pending(Row r) {
        return new Pending(r.getUUID("id"), r.getString("topic"), r.getString("record_key"), r.getString("payload"),
                r.getString("traceparent"));
    }

    private static List<Pending> pending(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        List<Pending> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(pending(r)));
        return out;
    }

    public Uni<Void> delete(SqlClient c, List<UUID> ids) {
        return c.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> recordFailure(SqlClient c, List<UUID> ids, String error) {
        return c.preparedQuery("UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new), error)).replaceWithVoid();
    }

    public Uni<Long> count(SqlClient c) {
        return c.query("SELECT count(*) FROM outbox").execute().map(rs -> rs.iterator().next().getLong(0));
    }
}
