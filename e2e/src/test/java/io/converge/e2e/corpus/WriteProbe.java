package io.converge.e2e.corpus;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds rows that carry a corpus mark, in every table of every service database, read-only over JDBC.
 *
 * <p>Each case writes its own mark ({@code cbi<run>-<index>}) into every field that names what its request would
 * create or change (tags, names, codes, order numbers, rule ids, event ids, notes, metric names), so a row holding it
 * can only come from that case: the simulator's telemetry and security events, and whatever other tests write at the
 * same time, never match. A whole-row text match ({@code t::text}) covers every column, JSON documents and outbox
 * payloads included.
 */
public final class WriteProbe {

    /** The service databases. */
    public static final List<String> DATABASES = List.of("asset", "telemetry", "kpi", "patch", "security");
    private final String jdbcBase;
    private final String user;
    private final String password;

    public WriteProbe(String jdbcBase, String user, String password) {
        this.jdbcBase = jdbcBase;
        this.user = user;
        this.password = password;
    }

    /** Every mark found, with the tables ({@code db.table × rows}) holding it. */
    public Map<String, List<String>> marksFound(String runMark) {
        if (!runMark.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("a run mark is lower-case letters and digits: " + runMark);
        }
        Map<String, List<String>> found = new TreeMap<>();
        for (String db : DATABASES) {
            try (Connection c = DriverManager.getConnection(jdbcBase + db, user, password)) {
                c.setReadOnly(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET default_transaction_read_only = on");
                    s.execute("SET statement_timeout = '60s'");
                    for (String table : tables(s)) {
                        String sql = "SELECT substring(lower(t::text) FROM '" + runMark + "-[0-9]+') AS mark, count(*)"
                                + " FROM " + table + " t WHERE t::text ILIKE '%" + runMark + "-%' GROUP BY 1";
                        try (ResultSet r = s.executeQuery(sql)) {
                            while (r.next()) {
                                found.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                        .add(db + "." + table + " × " + r.getLong(2));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read database " + db + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    /** Ordinary and partitioned tables (partitions are read through their parent), Flyway's history left out. */
    private static List<String> tables(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND c.relname <> 'flyway_schema_history' ORDER BY 1")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }
}
