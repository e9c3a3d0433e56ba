package io.converge.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Read-only queries on a service's own database: what was really stored, counted where it lives. */
final class Db {

    private Db() {
    }

    private static Connection connect(String database) throws SQLException {
        String base = System.getProperty("converge.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/");
        return DriverManager.getConnection(base + database, "converge", "converge");
    }

    /** The single number a query answers (a count). */
    static long number(String database, String sql, Object... args) {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
