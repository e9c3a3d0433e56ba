package io.converge.bench.telemetry;

import io.converge.bench.common.BenchException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The telemetry database: connections for COPY, exact row counts of a point set, clean-up of a run's rows. */
final class Db implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final Connection conn;

    private Db(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.conn = open();
    }

    static Db connect(Config c) {
        Db db = new Db(c.dbUrl(), c.dbUser(), c.dbPassword());
        try (var st = db.conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('point') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                db.close();
                throw new BenchException("table point not found in " + c.dbUrl() + ": telemetry-service creates it "
                        + "(Flyway) on its first start; run ./converge up");
            }
        } catch (SQLException e) {
            throw new BenchException("cannot read " + c.dbUrl() + ": " + e.getMessage(), e);
        }
        return db;
    }

    Connection open() {
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL database not reachable at " + url + " as " + user + ": "
                    + BenchException.rootMessage(e) + " (./converge up creates the databases and the role)", e);
        }
    }

    /** Rows of this point set now in the table (exact: asset, metric and time range of the set). */
    long count(PointSet s) {
        return count(s, s.first, s.last);
    }

    /** Rows of this point set with a sample time in [from, to] (both inclusive). */
    long count(PointSet s, Instant from, Instant to) {
        String sql = "SELECT count(*) FROM point WHERE asset_id = ANY(?) AND metric = ANY(?) AND ts BETWEEN ? AND ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setArray(1, conn.createArrayOf("uuid", s.assets.stream().map(PointSet.Asset::id).toArray(UUID[]::new)));
            ps.setArray(2, conn.createArrayOf("text", s.metricNames));
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BenchException("counting the rows of " + s.label + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes every row of this run (metric prefix) from point and latest_point; returns the point rows deleted. */
    long cleanup(String runPrefix, List<PointSet.Asset> assets, Instant from, Instant to) {
        UUID[] ids = assets.stream().map(PointSet.Asset::id).toArray(UUID[]::new);
        long deleted;
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM point WHERE asset_id = ANY(?) "
                + "AND starts_with(metric, ?) AND ts BETWEEN ? AND ?")) {
            ps.setArray(1, conn.createArrayOf("uuid", ids));
            ps.setString(2, runPrefix);
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            deleted = ps.executeUpdate();
        } catch (SQLException e) {
            throw new BenchException("deleting the bench rows (metric prefix " + runPrefix + ") failed: "
                    + e.getMessage(), e);
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "DELETE FROM latest_point WHERE asset_id = ANY(?) AND starts_with(metric, ?)")) {
            ps.setArray(1, conn.createArrayOf("uuid", ids));
            ps.setString(2, runPrefix);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {   // no latest_point table: nothing to clean
                throw new BenchException("deleting the bench rows from latest_point failed: " + e.getMessage(), e);
            }
        }
        return deleted;
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
