package io.converge.telemetry.store;

import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.domain.SeriesQuery;
import io.converge.telemetry.domain.SeriesQuery.Aggregate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads: downsampled series with {@code date_bin} over the (asset, metric, ts) index (buckets aligned on the Unix
 * epoch), and the latest value of each metric of an asset from the small {@code latest_point} table.
 */
@ApplicationScoped
public class SeriesStore {

    /** One bucket: its start, the aggregate (numeric, or the state for {@code last}) and how many samples it has. */
    public record Bucket(Instant ts, Double value, String state, long count) {
    }

    /** The latest sample of one metric. */
    public record Latest(String metric, Instant ts, Double value, String state, Quality quality) {
    }

    private static final Map<Aggregate, String> EXPR = Map.of(
            Aggregate.AVG, "avg(value), NULL::text",
            Aggregate.MIN, "min(value), NULL::text",
            Aggregate.MAX, "max(value), NULL::text",
            Aggregate.SUM, "sum(value), NULL::text",
            Aggregate.COUNT, "count(*)::float8, NULL::text",
            Aggregate.LAST, "(array_agg(value ORDER BY ts DESC))[1], (array_agg(state ORDER BY ts DESC))[1]");

    private final Pool pool;

    public SeriesStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Bucket>> series(UUID asset, String metric, SeriesQuery q) {
        String sql = "SELECT date_bin(make_interval(secs => $3), ts, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS b, "
                + EXPR.get(q.agg()) + ", count(*) FROM point WHERE asset_id = $1 AND metric = $2"
                + " AND ts >= $4 AND ts < $5 GROUP BY 1 ORDER BY 1";
        return pool.preparedQuery(sql).execute(Tuple.of(asset, metric, q.bucket().toMillis() / 1000.0,
                q.from().atOffset(ZoneOffset.UTC), q.to().atOffset(ZoneOffset.UTC))).map(rs -> {
                    List<Bucket> out = new ArrayList<>(rs.size());
                    for (Row r : rs) {
                        out.add(new Bucket(r.getOffsetDateTime(0).toInstant(), r.getDouble(1), r.getString(2),
                                r.getLong(3)));
                    }
                    return out;
                });
    }

    public Uni<List<Latest>> latest(UUID asset) {
        return pool.preparedQuery("SELECT metric, ts, value, state, quality FROM latest_point WHERE asset_id = $1"
                + " ORDER BY metric").execute(Tuple.of(asset)).map(rs -> {
                    List<Latest> out = new ArrayList<>(rs.size());
                    for (Row r : rs) {
                        out.add(new Latest(r.getString(0), r.getOffsetDateTime(1).toInstant(), r.getDouble(2),
                                r.getString(3), Quality.ofCode(r.getShort(4))));
                    }
                    return out;
                });
    }
}
