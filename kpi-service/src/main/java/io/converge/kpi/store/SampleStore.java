package io.converge.kpi.store;

import io.converge.kpi.stream.KpiSample;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The consumer's writes, all inside the transaction of one consumed batch. */
@ApplicationScoped
public class SampleStore {

    /** A time range of an asset whose windows of a width (seconds) must be (re)computed. */
    public record Dirty(UUID assetId, int widthSeconds, Instant from, Instant to) {
    }

    /** Records the event ids; answers those not seen before (the others are redeliveries, skipped). */
    public Uni<Set<UUID>> markProcessed(SqlClient c, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return c.preparedQuery("INSERT INTO processed_event (id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING"
                + " RETURNING id").execute(Tuple.of(ids.toArray(UUID[]::new))).map(rs -> {
                    Set<UUID> fresh = new HashSet<>();
                    rs.forEach(r -> fresh.add(r.getUUID(0)));
                    return fresh;
                });
    }

    /** The latest sample time per asset, locking the assets' clocks until commit (ids sorted: no deadlocks). */
    public Uni<Map<UUID, Instant>> lockClocks(SqlClient c, List<UUID> assets) {
        UUID[] ids = assets.stream().sorted().toArray(UUID[]::new);
        return c.preparedQuery("SELECT asset_id, max_ts FROM kpi_clock WHERE asset_id = ANY($1) ORDER BY asset_id"
                + " FOR UPDATE").execute(Tuple.of(ids)).map(rs -> {
                    Map<UUID, Instant> out = new HashMap<>();
                    rs.forEach(r -> out.put(r.getUUID(0), instant(r, 1)));
                    return out;
                });
    }

    /** The latest stored sample of a series before some time: its time and text state (null for numbers). */
    public record Previous(Instant ts, String state) {
    }

    /** The latest stored sample before {@code before}, per metric (absent when there is none). */
    public Uni<Map<String, Previous>> previous(SqlClient c, UUID asset, Set<String> metrics, Instant before) {
        return c.preparedQuery("SELECT m.name, p.ts, p.state FROM unnest($2::text[]) AS m(name), LATERAL (SELECT ts,"
                + " state FROM kpi_sample s WHERE s.asset_id = $1 AND s.metric = m.name AND s.ts < $3 ORDER BY ts DESC"
                + " LIMIT 1) p").execute(Tuple.of(asset, metrics.toArray(String[]::new), odt(before))).map(rs -> {
                    Map<String, Previous> out = new HashMap<>();
                    rs.forEach(r -> out.put(r.getString(0), new Previous(instant(r, 1), r.getString(2))));
                    return out;
                });
    }

    /**
     * Inserts samples (unique per series and time within the list). With {@code replace} a stored sample of the same
     * series and time is replaced; without it (the fast path: a plain insert costs about half of one with ON
     * CONFLICT) such a sample fails the statement with a unique violation ({@link #isDuplicate}), and the caller rolls
     * back and tries again with {@code replace}.
     */
    public Uni<Void> insert(SqlClient c, List<KpiSample> samples, boolean replace) {
        int n = samples.size();
        UUID[] assets = new UUID[n];
        String[] metrics = new String[n];
        OffsetDateTime[] ts = new OffsetDateTime[n];
        Double[] values = new Double[n];
        String[] states = new String[n];
        Short[] quality = new Short[n];
        for (int i = 0; i < n; i++) {
            KpiSample s = samples.get(i);
            assets[i] = s.assetId();
            metrics[i] = s.metric();
            ts[i] = odt(s.ts());
            values[i] = s.value();
            states[i] = s.state();
            quality[i] = (short) s.quality();
        }
        return c.preparedQuery("INSERT INTO kpi_sample (asset_id, metric, ts, value, state, quality)"
                + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::float8[], $5::text[],"
                + " $6::int2[])" + (replace ? " ON CONFLICT (asset_id, metric, ts) DO UPDATE SET value = EXCLUDED.value,"
                + " state = EXCLUDED.state, quality = EXCLUDED.quality" : ""))
                .execute(Tuple.of(assets, metrics, ts, values, states, quality)).replaceWithVoid();
    }

    /** Whether a failure is the unique violation of a sample stored before (see {@link #insert}). */
    public static boolean isDuplicate(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    /** Moves each asset's clock forward to the given latest sample time (never back) and marks the dirty ranges. */
    public Uni<Void> advance(SqlClient c, Map<UUID, Instant> latest, List<Dirty> dirty) {
        List<UUID> ids = new ArrayList<>(latest.keySet());
        OffsetDateTime[] ts = ids.stream().map(id -> odt(latest.get(id))).toArray(OffsetDateTime[]::new);
        Uni<Void> clocks = c.preparedQuery("INSERT INTO kpi_clock (asset_id, max_ts, last_arrival)"
                + " SELECT id, ts, now() FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, ts)"
                + " ON CONFLICT (asset_id) DO UPDATE SET max_ts = GREATEST(kpi_clock.max_ts, EXCLUDED.max_ts),"
                + " last_arrival = now()")
                .execute(Tuple.of(ids.toArray(UUID[]::new), ts)).replaceWithVoid();
        if (dirty.isEmpty()) {
            return clocks;
        }
        return clocks.flatMap(x -> markDirty(c, dirty));
    }

    public Uni<Void> markDirty(SqlClient c, List<Dirty> dirty) {
        if (dirty.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("INSERT INTO kpi_dirty (asset_id, width_s, from_ts, to_ts)"
                + " SELECT * FROM unnest($1::uuid[], $2::int4[], $3::timestamptz[], $4::timestamptz[])")
                .execute(Tuple.of(dirty.stream().map(Dirty::assetId).toArray(UUID[]::new),
                        dirty.stream().map(Dirty::widthSeconds).toArray(Integer[]::new),
                        dirty.stream().map(d -> odt(d.from())).toArray(OffsetDateTime[]::new),
                        dirty.stream().map(d -> odt(d.to())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** Forgets consumed event ids older than the retention (far longer than any redelivery). */
    public Uni<Integer> pruneProcessed(SqlClient c, Instant before) {
        return c.preparedQuery("DELETE FROM processed_event WHERE processed_at < $1").execute(Tuple.of(odt(before)))
                .map(rs -> rs.rowCount());
    }

    static OffsetDateTime odt(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row r, int column) {
        return r.getOffsetDateTime(column).toInstant();
    }
}
