package io.converge.kpi.store;

import io.converge.kpi.domain.WindowFigures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The figures of a line for one window: the sums of its assets' stored windows (table kpi_window). Only the scalar
 * figures are summed; the per-reason down times and per-currency costs (jsonb) are left empty, since no alarm KPI
 * needs them.
 */
@ApplicationScoped
public class LineWindowRepository {

    private final Pool pool;

    public LineWindowRepository(Pool pool) {
        this.pool = pool;
    }

    /** The summed figures of the line's windows of this width starting at {@code start}; empty when there are none. */
    public Uni<Optional<WindowFigures>> sum(UUID lineId, int widthSeconds, Instant start) {
        return pool.preparedQuery("SELECT count(*) AS n, sum(pbt_s) AS pbt, sum(apt_s) AS apt, sum(pq) AS pq,"
                + " sum(gq) AS gq, sum(ideal_s) AS ideal, sum(unordered_pq) AS unordered, sum(down_s) AS down,"
                + " sum(setup_s) AS setup, sum(idle_s) AS idle, sum(unknown_s) AS unknown,"
                + " sum(failures) AS failures, sum(repairs) AS repairs, sum(breakdown_s) AS breakdown,"
                + " sum(setup_loss_s) AS setup_loss, sum(small_stop_s) AS small_stop, sum(energy_kwh) AS kwh,"
                + " sum(unpriced_kwh) AS unpriced, sum(counter_resets) AS resets, bool_or(partial) AS partial"
                + " FROM kpi_window WHERE line_id = $1 AND width_s = $2 AND start_ts = $3")
                .execute(Tuple.of(lineId, widthSeconds, start.atOffset(ZoneOffset.UTC)))
                .map(rs -> {
                    Row r = rs.iterator().next();
                    return r.getLong("n") == 0 ? Optional.empty() : Optional.of(map(r));
                });
    }

    private static WindowFigures map(Row r) {
        return new WindowFigures(r.getDouble("pbt"), r.getDouble("apt"), r.getDouble("pq"), r.getDouble("gq"),
                r.getDouble("ideal"), r.getDouble("unordered"), r.getDouble("down"), r.getDouble("setup"),
                r.getDouble("idle"), r.getDouble("unknown"), Map.of(), r.getLong("failures").intValue(),
                r.getLong("repairs").intValue(), r.getDouble("breakdown"), r.getDouble("setup_loss"),
                r.getDouble("small_stop"), r.getDouble("kwh"), Map.of(), r.getDouble("unpriced"),
                r.getLong("resets").intValue(), Boolean.TRUE.equals(r.getBoolean("partial")));
    }
}
