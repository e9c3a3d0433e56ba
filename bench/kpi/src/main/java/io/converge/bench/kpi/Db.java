package io.converge.bench.kpi;

import io.converge.bench.common.BenchException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One PostgreSQL database of the suite (kpi, kpi_bench, telemetry): what the benchmark reads to follow kpi-service
 * (asset view, clocks, stored windows), the raw-points baseline query, and the clean-up of the bench assets' rows.
 */
final class Db implements AutoCloseable {

    final String url;
    private final Connection conn;

    Db(Config c, String name) {
        this.url = c.db(name);
        try {
            this.conn = DriverManager.getConnection(url, c.dbUser(), c.dbPassword());
            conn.setAutoCommit(true);
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL database not reachable at " + url + " as " + c.dbUser() + ": "
                    + BenchException.rootMessage(e) + " (./converge up creates the databases and the role)", e);
        }
    }

    /** Drops and creates a database (the bench kpi-service instance's), connected to the maintenance database. */
    static void recreate(Config c, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*") || name.equals("kpi")) {
            throw new BenchException("refusing to recreate database '" + name + "'");
        }
        try (Db pg = new Db(c, "postgres"); Statement st = pg.conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new BenchException("cannot recreate database " + name + ": " + e.getMessage(), e);
        }
    }

    static void drop(Config c, String name) {
        try (Db pg = new Db(c, "postgres"); Statement st = pg.conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new BenchException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** kpi: how many of the assets the instance knows with this line (it learns them from converge.asset.events). */
    long assetsOnLine(UUID[] ids, UUID line) {
        return single("SELECT count(*) FROM kpi_asset WHERE id = ANY(?) AND line_id = ? AND NOT deleted", ids, line);
    }

    /** kpi: latest sample time per asset (kpi_clock). */
    Map<UUID, Instant> clocks(UUID[] ids) {
        return perAsset("SELECT asset_id, max_ts FROM kpi_clock WHERE asset_id = ANY(?)", ids, 0);
    }

    /** kpi: start of the latest stored window of this width per asset. */
    Map<UUID, Instant> latestWindows(UUID[] ids, int widthSeconds) {
        return perAsset("SELECT asset_id, max(start_ts) FROM kpi_window WHERE asset_id = ANY(?) AND width_s = ?"
                + " GROUP BY asset_id", ids, widthSeconds);
    }

    /** kpi: windows stored for the assets. */
    long windows(UUID[] ids, int widthSeconds) {
        return single("SELECT count(*) FROM kpi_window WHERE asset_id = ANY(?) AND width_s = ?", ids, widthSeconds);
    }

    /** kpi: when the first consumed telemetry batch at or after {@code since} began (processed_event.processed_at). */
    Instant firstProcessed(Instant since) {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT min(processed_at) FROM processed_event WHERE processed_at >= ?")) {
            ps.setObject(1, odt(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** kpi: everything kpi-service keeps about the assets, and the bench orders (a new run starts from nothing). */
    void cleanKpi(UUID[] ids) {
        for (String table : new String[] {"kpi_dirty", "kpi_window", "kpi_sample", "kpi_clock"}) {
            update("DELETE FROM " + table + " WHERE asset_id = ANY(?)", ids);
        }
        exec("DELETE FROM production_order WHERE order_number LIKE 'BENCH-KPI-%'");
    }

    /** telemetry: the assets' points and latest values. */
    long cleanTelemetry(UUID[] ids) {
        long n = update("DELETE FROM point WHERE asset_id = ANY(?)", ids);
        update("DELETE FROM latest_point WHERE asset_id = ANY(?)", ids);
        return n;
    }

    /** telemetry: one plain aggregate over the raw points of the assets in [from, to) (the baseline). */
    double[] aggregate(UUID[] ids, Instant from, Instant to) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*), coalesce(sum(value), 0) FROM point"
                + " WHERE asset_id = ANY(?) AND ts >= ? AND ts < ?")) {
            ps.setArray(1, conn.createArrayOf("uuid", ids));
            ps.setObject(2, odt(from));
            ps.setObject(3, odt(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), rs.getDouble(2)};
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private long single(String sql, UUID[] ids, Object arg) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setArray(1, conn.createArrayOf("uuid", ids));
            ps.setObject(2, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {   // tables not migrated yet (bench instance starting)
                return 0;
            }
            throw fail(e);
        }
    }

    private Map<UUID, Instant> perAsset(String sql, UUID[] ids, int arg) {
        Map<UUID, Instant> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setArray(1, conn.createArrayOf("uuid", ids));
            if (arg > 0) {
                ps.setInt(2, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {   // tables not migrated yet (bench instance starting)
                return out;
            }
            throw fail(e);
        }
        return out;
    }

    private long update(String sql, UUID[] ids) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setArray(1, conn.createArrayOf("uuid", ids));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private void exec(String sql) {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private BenchException fail(SQLException e) {
        return new BenchException("query on " + url + " failed: " + e.getMessage(), e);
    }

    static OffsetDateTime odt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
