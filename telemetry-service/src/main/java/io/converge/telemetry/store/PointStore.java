package io.converge.telemetry.store;

import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.Point;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes points in bulk: one statement per batch ({@code unnest} of column arrays), {@code ON CONFLICT DO NOTHING}
 * on the idempotency key, returning the keys actually inserted so that only those are published. The latest value
 * per (asset, metric) is upserted in the same transaction, never moving back in time.
 */
@ApplicationScoped
public class PointStore {

    /** A validated point bound to its registered asset. */
    public record Accepted(AssetRef asset, Point point) {
        public String key() {
            return key(asset.id(), point.metric(), point.ts(), point.messageId());
        }

        static String key(UUID asset, String metric, Instant ts, String messageId) {
            return asset + "\u0000" + metric + "\u0000" + ts.getEpochSecond() + "." + ts.getNano() + "\u0000"
                    + (messageId == null ? "" : messageId);
        }
    }

    private static final String INSERT = "INSERT INTO point (asset_id, metric, ts, message_id, value, state, quality)"
            + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::float8[],"
            + " $6::text[], $7::int2[])";
    private static final String INSERT_NEW = INSERT
            + " ON CONFLICT DO NOTHING RETURNING asset_id, metric, ts, message_id";

    private static final String LATEST = "INSERT INTO latest_point (asset_id, metric, ts, value, state, quality)"
            + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::float8[], $5::text[], $6::int2[])"
            + " ON CONFLICT (asset_id, metric) DO UPDATE SET ts = excluded.ts, value = excluded.value,"
            + " state = excluded.state, quality = excluded.quality WHERE latest_point.ts <= excluded.ts";

    /**
     * Inserts points none of which is stored yet: the fast path (a plain insert costs half of one with ON CONFLICT,
     * bench/RESULTS.md). A point stored before fails the statement with a unique violation (SQLSTATE 23505, see
     * {@link #isDuplicate}); the caller then rolls back and uses {@link #insert}.
     */
    public Uni<List<Accepted>> insertAll(SqlClient c, List<Accepted> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery(INSERT).execute(columns(points)).replaceWith(points);
    }

    /** Whether a failure is the unique violation of a point stored before. */
    public static boolean isDuplicate(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    /** Inserts the points; returns those that were new (the others were stored before). */
    public Uni<List<Accepted>> insert(SqlClient c, List<Accepted> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = points.size();
        return c.preparedQuery(INSERT_NEW).execute(columns(points)).map(rs -> {
                    if (rs.rowCount() == n) {
                        return points;
                    }
                    Set<String> inserted = new HashSet<>(rs.rowCount() * 2);
                    for (Row r : rs) {
                        inserted.add(Accepted.key(r.getUUID(0), r.getString(1), r.getOffsetDateTime(2).toInstant(),
                                r.getString(3)));
                    }
                    List<Accepted> fresh = new ArrayList<>(inserted.size());
                    for (Accepted a : points) {
                        if (inserted.contains(a.key())) {
                            fresh.add(a);
                        }
                    }
                    return fresh;
                });
    }

    private static Tuple columns(List<Accepted> points) {
        int n = points.size();
        UUID[] assets = new UUID[n];
        String[] metrics = new String[n];
        OffsetDateTime[] ts = new OffsetDateTime[n];
        String[] ids = new String[n];
        Double[] values = new Double[n];
        String[] states = new String[n];
        Short[] quality = new Short[n];
        for (int i = 0; i < n; i++) {
            Accepted a = points.get(i);
            Point p = a.point();
            assets[i] = a.asset().id();
            metrics[i] = p.metric();
            ts[i] = p.ts().atOffset(ZoneOffset.UTC);
            ids[i] = p.messageId() == null ? "" : p.messageId();
            values[i] = p.value();
            states[i] = p.state();
            quality[i] = (short) p.quality().ordinal();
        }
        return Tuple.from(new Object[] {assets, metrics, ts, ids, values, states, quality});
    }

    /** Moves the latest value of each (asset, metric) forward; keys sorted so concurrent batches never deadlock. */
    public Uni<Void> updateLatest(SqlClient c, List<Accepted> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Accepted> newest = new HashMap<>();
        for (Accepted a : fresh) {
            newest.merge(a.asset().id() + "\u0000" + a.point().metric(), a,
                    (x, y) -> y.point().ts().isAfter(x.point().ts()) ? y : x);
        }
        List<Accepted> rows = new ArrayList<>(newest.values());
        rows.sort(Comparator.comparing((Accepted a) -> a.asset().id()).thenComparing(a -> a.point().metric()));
        int n = rows.size();
        UUID[] assets = new UUID[n];
        String[] metrics = new String[n];
        OffsetDateTime[] ts = new OffsetDateTime[n];
        Double[] values = new Double[n];
        String[] states = new String[n];
        Short[] quality = new Short[n];
        for (int i = 0; i < n; i++) {
            Point p = rows.get(i).point();
            assets[i] = rows.get(i).asset().id();
            metrics[i] = p.metric();
            ts[i] = p.ts().atOffset(ZoneOffset.UTC);
            values[i] = p.value();
            states[i] = p.state();
            quality[i] = (short) p.quality().ordinal();
        }
        return c.preparedQuery(LATEST).execute(Tuple.from(new Object[] {assets, metrics, ts, values, states, quality}))
                .replaceWithVoid();
    }
}
