package io.converge.patch.store;

import io.converge.events.KpiAlarmData;
import io.converge.events.KpiWindowData;
import io.converge.patch.domain.KpiGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The KPI guard's view of kpi-service's events: per-asset 1-min windows (stored additively, so a line's OEE is
 * A × E × Q of the summed figures) and alarms raised on lines. Writes are idempotent: a window is replaced only by a
 * higher revision, an alarm is recorded once.
 */
@ApplicationScoped
public class KpiObservations {

    private final Pool pool;

    public KpiObservations(Pool pool) {
        this.pool = pool;
    }

    /** Records a window of an asset on a line; ideal production time = E × APT, null when E was undefined. */
    public Uni<Void> window(KpiWindowData w) {
        Double ideal = w.effectiveness() != null ? Double.valueOf(w.effectiveness() * w.actualProductionSeconds())
                : w.actualProductionSeconds() == 0 ? Double.valueOf(0) : null;
        return pool.preparedQuery("INSERT INTO kpi_observation (asset_id, line_id, start_ts, revision, pbt_s, apt_s,"
                + " ideal_s, pq, gq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (asset_id, start_ts)"
                + " DO UPDATE SET line_id = EXCLUDED.line_id, revision = EXCLUDED.revision, pbt_s = EXCLUDED.pbt_s,"
                + " apt_s = EXCLUDED.apt_s, ideal_s = EXCLUDED.ideal_s, pq = EXCLUDED.pq, gq = EXCLUDED.gq"
                + " WHERE kpi_observation.revision < EXCLUDED.revision")
                .execute(Tuple.from(new Object[] {w.assetId(), w.lineId(), odt(w.start()), w.revision(),
                        w.plannedBusySeconds(), w.actualProductionSeconds(), ideal, w.producedQuantity(),
                        w.goodQuantity()})).replaceWithVoid();
    }

    /** Records a raised alarm on a line (once). */
    public Uni<Void> alarm(KpiAlarmData a) {
        String what = a.description() != null && !a.description().isBlank() ? a.description()
                : (a.metric() != null ? a.metric() : a.kpi()) + " " + a.operator() + " " + a.threshold();
        return pool.preparedQuery("INSERT INTO kpi_alarm_observation (alarm_id, line_id, asset_id, severity,"
                + " description, raised_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (alarm_id) DO NOTHING")
                .execute(Tuple.from(new Object[] {a.alarmId(), a.lineId(), a.assetId(), a.severity(),
                        a.severity() + ": " + what, odt(a.raisedAt())})).replaceWithVoid();
    }

    /**
     * The OEE of each line per 1-min window starting in [from, to): A = ΣAPT / ΣPBT, E = Σideal / ΣAPT, Q = ΣGQ / ΣPQ
     * over the line's assets; null when undefined (no planned time, no production, an asset with undefined E).
     */
    public Uni<List<KpiGuard.OeeSample>> lineOee(Collection<UUID> lines, Instant from, Instant to) {
        return pool.preparedQuery("SELECT line_id, start_ts, sum(pbt_s), sum(apt_s), sum(ideal_s),"
                + " count(*) FILTER (WHERE ideal_s IS NULL), sum(pq), sum(gq) FROM kpi_observation"
                + " WHERE line_id = ANY($1) AND start_ts >= $2 AND start_ts < $3 GROUP BY line_id, start_ts"
                + " ORDER BY start_ts").execute(Tuple.of(lines.toArray(UUID[]::new), odt(from), odt(to)))
                .map(rs -> {
                    List<KpiGuard.OeeSample> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new KpiGuard.OeeSample(r.getUUID(0),
                            r.getOffsetDateTime(1).toInstant(), oee(r.getDouble(2), r.getDouble(3), r.getDouble(4),
                                    r.getLong(5), r.getDouble(6), r.getDouble(7)))));
                    return out;
                });
    }

    /** Alarms raised on the lines in [from, to). */
    public Uni<List<KpiGuard.Alarm>> alarms(Collection<UUID> lines, Instant from, Instant to) {
        return pool.preparedQuery("SELECT line_id, raised_at, description FROM kpi_alarm_observation"
                + " WHERE line_id = ANY($1) AND raised_at >= $2 AND raised_at < $3 ORDER BY raised_at")
                .execute(Tuple.of(lines.toArray(UUID[]::new), odt(from), odt(to))).map(rs -> {
                    List<KpiGuard.Alarm> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new KpiGuard.Alarm(r.getUUID(0), r.getOffsetDateTime(1).toInstant(),
                            r.getString(2))));
                    return out;
                });
    }

    static Double oee(double pbt, double apt, Double ideal, long undefinedE, double pq, double gq) {
        if (pbt == 0 || apt == 0 || pq == 0 || undefinedE > 0 || ideal == null) {
            return null;
        }
        return (apt / pbt) * (ideal / apt) * (gq / pq);
    }

    private static OffsetDateTime odt(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
