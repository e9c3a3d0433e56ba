package io.converge.security.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Stored security events: the OCSF document with its context, or the raw text with its parse error. */
@ApplicationScoped
public class EventStore {

    /** A row to store. {@code ocsf} and {@code context} are JSON text; {@code parseError} set when not parsed. */
    public record NewEvent(UUID id, Instant time, String intake, Integer classUid, UUID assetId, String ocsf,
            String context, String raw, String parseError) {
    }

    /** A stored event as listed and read. */
    public record StoredEvent(UUID id, Instant receivedAt, Instant time, String intake, Integer classUid,
            UUID assetId, Object ocsf, Object context, String raw, String parseError) {
    }

    public record Filter(Integer classUid, UUID assetId, Boolean failed, String intake, Instant since,
            Instant until) {
    }

    private final Pool pool;

    public EventStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the batch (one statement); an id stored already is skipped. Answers the ids inserted now. */
    public Uni<Set<UUID>> insert(SqlClient c, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] intakes = new String[n];
        Integer[] classes = new Integer[n];
        UUID[] assets = new UUID[n];
        String[] ocsf = new String[n];
        String[] ctx = new String[n];
        String[] raw = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            ids[i] = e.id();
            times[i] = e.time().atOffset(ZoneOffset.UTC);
            intakes[i] = e.intake();
            classes[i] = e.classUid();
            assets[i] = e.assetId();
            ocsf[i] = e.ocsf();
            ctx[i] = e.context();
            raw[i] = e.raw() == null ? null : e.raw().replace("\u0000", "\\u0000");
            errors[i] = e.parseError();
        }
        return c.preparedQuery("INSERT INTO security_event (id, event_time, intake, class_uid, asset_id, ocsf,"
                + " context, raw, parse_error) SELECT i, t, k, c, a, o::jsonb, x::jsonb, r, e FROM unnest($1::uuid[],"
                + " $2::timestamptz[], $3::text[], $4::int[], $5::uuid[], $6::text[], $7::text[], $8::text[],"
                + " $9::text[]) AS u(i, t, k, c, a, o, x, r, e) ON CONFLICT (id) DO NOTHING RETURNING id")
                .execute(Tuple.from(new Object[] {ids, times, intakes, classes, assets, ocsf, ctx, raw, errors}))
                .map(rs -> {
                    Set<UUID> out = new HashSet<>(rs.rowCount() * 2);
                    rs.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    public Uni<StoredEvent> get(UUID id) {
        return pool.preparedQuery("SELECT * FROM security_event WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.iterator().hasNext() ? row(rs.iterator().next()) : null);
    }

    public Uni<Page<StoredEvent>> list(Filter f, Cursor cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM security_event WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.classUid() != null) {
            args.add(f.classUid());
            sql.append(" AND class_uid = $").append(args.size());
        }
        if (f.assetId() != null) {
            args.add(f.assetId());
            sql.append(" AND asset_id = $").append(args.size());
        }
        if (f.failed() != null) {
            sql.append(f.failed() ? " AND parse_error IS NOT NULL" : " AND parse_error IS NULL");
        }
        if (f.intake() != null) {
            args.add(f.intake());
            sql.append(" AND intake = $").append(args.size());
        }
        if (f.since() != null) {
            args.add(f.since().atOffset(ZoneOffset.UTC));
            sql.append(" AND event_time >= $").append(args.size());
        }
        if (f.until() != null) {
            args.add(f.until().atOffset(ZoneOffset.UTC));
            sql.append(" AND event_time < $").append(args.size());
        }
        if (cursor != null) {
            args.add(cursor.at().atOffset(ZoneOffset.UTC));
            args.add(cursor.id());
            sql.append(" AND (received_at, id) < ($").append(args.size() - 1).append(", $").append(args.size())
                    .append(")");
        }
        args.add(limit + 1);
        sql.append(" ORDER BY received_at DESC, id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rs -> {
            List<StoredEvent> items = new ArrayList<>();
            rs.forEach(r -> items.add(row(r)));
            String next = null;
            if (items.size() > limit) {
                items.remove(limit);
                StoredEvent last = items.get(limit - 1);
                next = new Cursor(last.receivedAt(), last.id()).encode();
            }
            return new Page<>(items, next);
        });
    }

    /** Counts by intake: stored (normalized) and failed (kept raw). */
    public Uni<Map<String, Map<String, Long>>> stats() {
        return pool.query("SELECT intake, count(*) FILTER (WHERE parse_error IS NULL) AS ok,"
                + " count(*) FILTER (WHERE parse_error IS NOT NULL) AS failed FROM security_event GROUP BY intake"
                + " ORDER BY intake").execute().map(rs -> {
                    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
                    rs.forEach(r -> out.put(r.getString("intake"), Map.of("normalized", r.getLong("ok"),
                            "failed", r.getLong("failed"))));
                    return out;
                });
    }

    private static StoredEvent row(Row r) {
        Object ocsf = r.getValue("ocsf");
        Object ctx = r.getValue("context");
        return new StoredEvent(r.getUUID("id"), r.getOffsetDateTime("received_at").toInstant(),
                r.getOffsetDateTime("event_time").toInstant(), r.getString("intake"), r.getInteger("class_uid"),
                r.getUUID("asset_id"), ocsf instanceof JsonObject j ? j.getMap() : ocsf,
                ctx instanceof JsonObject j ? j.getMap() : ctx, r.getString("raw"), r.getString("parse_error"));
    }
}
