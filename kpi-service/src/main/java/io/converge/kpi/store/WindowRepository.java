package io.converge.kpi.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.kpi.domain.WindowFigures;
import io.converge.kpi.stream.AssetInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stored KPI windows (table kpi_window): written by the window worker, read by the KPI queries. */
@ApplicationScoped
public class WindowRepository {

    /** A computed window of an asset. */
    public record Computed(int widthSeconds, Instant start, WindowFigures figures) {
    }

    /** A window that was new or changed by the upsert, with its revision (0 = first). */
    public record Stored(int widthSeconds, Instant start, int revision, WindowFigures figures) {
    }

    /** A stored window as read by queries. */
    public record AssetWindow(UUID assetId, String assetTag, Instant start, int revision, WindowFigures figures) {
    }

    private static final String FIGURES = "pbt_s, apt_s, pq, gq, ideal_s, unordered_pq, down_s, setup_s, idle_s,"
            + " unknown_s, down_by_reason, failures, repairs, breakdown_s, setup_loss_s, small_stop_s, energy_kwh,"
            + " energy_cost, unpriced_kwh, counter_resets, partial";
    private static final TypeReference<Map<String, Double>> MAP = new TypeReference<>() {
    };
    private final ObjectMapper json;

    public WindowRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Inserts new windows and replaces changed ones (revision + 1); a recomputed window equal to the stored one is
     * left alone. Answers the new and changed windows only.
     */
    public Uni<List<Stored>> upsert(SqlClient c, AssetInfo asset, List<Computed> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = windows.size();
        Object[][] cols = new Object[23][];
        cols[0] = new Integer[n];
        cols[1] = new OffsetDateTime[n];
        for (int k = 2; k < 23; k++) {
            cols[k] = switch (k) {
                case 12, 19 -> new String[n];
                case 13, 14, 21 -> new Integer[n];
                case 22 -> new Boolean[n];
                default -> new Double[n];
            };
        }
        for (int i = 0; i < n; i++) {
            Computed w = windows.get(i);
            WindowFigures f = w.figures();
            Object[] v = {w.widthSeconds(), SampleStore.odt(w.start()), f.pbtSeconds(), f.aptSeconds(), f.pq(), f.gq(),
                f.idealSeconds(), f.unorderedPq(), f.downSeconds(), f.setupSeconds(), f.idleSeconds(),
                f.unknownSeconds(), write(f.downSecondsByReason()), f.failures(), f.repairs(), f.breakdownSeconds(),
                f.setupLossSeconds(), f.smallStopSeconds(), f.energyKwh(), write(f.energyCost()), f.unpricedKwh(),
                f.counterResets(), f.partial()};
            for (int k = 0; k < 23; k++) {
                cols[k][i] = v[k];
            }
        }
        String sql = "INSERT INTO kpi_window (asset_id, asset_tag, line_id, site_id, width_s, start_ts, " + FIGURES
                + ") SELECT $1, $2, $3, $4, w, s, a, b, cq, d, e, f, g, h, i, j, k::jsonb, l, m, n, o, p, q,"
                + " r::jsonb, t, u, v FROM unnest($5::int4[], $6::timestamptz[], $7::float8[], $8::float8[],"
                + " $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[],"
                + " $15::float8[], $16::float8[], $17::text[], $18::int4[], $19::int4[], $20::float8[],"
                + " $21::float8[], $22::float8[], $23::float8[], $24::text[], $25::float8[], $26::int4[],"
                + " $27::bool[]) AS x(w, s, a, b, cq, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, t, u, v)"
                + " ON CONFLICT (asset_id, width_s, start_ts) DO UPDATE SET revision = kpi_window.revision + 1,"
                + " computed_at = now(), asset_tag = EXCLUDED.asset_tag, line_id = EXCLUDED.line_id,"
                + " site_id = EXCLUDED.site_id, " + assignments()
                + " WHERE (" + prefixed("kpi_window.") + ") IS DISTINCT FROM (" + prefixed("EXCLUDED.") + ")"
                + " RETURNING width_s, start_ts, revision, " + FIGURES;
        Object[] params = new Object[27];
        params[0] = asset.id();
        params[1] = asset.tag();
        params[2] = asset.lineId();
        params[3] = asset.siteId();
        System.arraycopy(cols, 0, params, 4, 23);
        return c.preparedQuery(sql).execute(Tuple.from(params)).map(rs -> {
            List<Stored> out = new ArrayList<>(rs.size());
            rs.forEach(r -> out.add(new Stored(r.getInteger(0), r.getOffsetDateTime(1).toInstant(), r.getInteger(2),
                    figures(r, 3))));
            out.sort(java.util.Comparator.comparing(Stored::widthSeconds).thenComparing(Stored::start));
            return out;
        });
    }

    /** The windows of one width starting in [from, to): of one asset (by tag) or of every asset of a line. */
    public Uni<List<AssetWindow>> windows(SqlClient c, String assetTag, UUID lineId, int widthSeconds, Instant from,
            Instant to) {
        String where = assetTag != null ? "asset_tag = $1" : "line_id = $1";
        return c.preparedQuery("SELECT asset_id, asset_tag, start_ts, revision, " + FIGURES + " FROM kpi_window"
                + " WHERE " + where + " AND width_s = $2 AND start_ts >= $3 AND start_ts < $4 ORDER BY start_ts")
                .execute(Tuple.of(assetTag != null ? assetTag : lineId, widthSeconds, SampleStore.odt(from),
                        SampleStore.odt(to)))
                .map(rs -> {
                    List<AssetWindow> out = new ArrayList<>(rs.size());
                    rs.forEach(r -> out.add(new AssetWindow(r.getUUID(0), r.getString(1),
                            r.getOffsetDateTime(2).toInstant(), r.getInteger(3), figures(r, 4))));
                    return out;
                });
    }

    private static String assignments() {
        StringBuilder b = new StringBuilder();
        for (String col : FIGURES.split(",\\s*")) {
            b.append(b.isEmpty() ? "" : ", ").append(col).append(" = EXCLUDED.").append(col);
        }
        return b.toString();
    }

    private static String prefixed(String prefix) {
        StringBuilder b = new StringBuilder();
        for (String col : FIGURES.split(",\\s*")) {
            b.append(b.isEmpty() ? "" : ", ").append(prefix).append(col);
        }
        return b.toString();
    }

    private WindowFigures figures(Row r, int i) {
        return new WindowFigures(r.getDouble(i), r.getDouble(i + 1), r.getDouble(i + 2), r.getDouble(i + 3),
                r.getDouble(i + 4), r.getDouble(i + 5), r.getDouble(i + 6), r.getDouble(i + 7), r.getDouble(i + 8),
                r.getDouble(i + 9), read(r.getValue(i + 10)), r.getInteger(i + 11), r.getInteger(i + 12),
                r.getDouble(i + 13), r.getDouble(i + 14), r.getDouble(i + 15), r.getDouble(i + 16),
                read(r.getValue(i + 17)), r.getDouble(i + 18), r.getInteger(i + 19), r.getBoolean(i + 20));
    }

    private String write(Map<String, Double> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Double> read(Object jsonb) {
        if (jsonb == null) {
            return Map.of();
        }
        try {
            return json.convertValue(jsonb instanceof io.vertx.core.json.JsonObject o ? o.getMap()
                    : json.readTree(jsonb.toString()), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
