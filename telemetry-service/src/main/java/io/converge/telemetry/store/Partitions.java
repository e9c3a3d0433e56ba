package io.converge.telemetry.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily partitions of {@code point}: creates those missing from the retention horizon to {@code daysAhead} days
 * ahead, and drops whole partitions that lie entirely before the horizon (retention never deletes rows). Runs under
 * a transaction-scoped advisory lock, so replicas doing it at the same time do not collide.
 */
@ApplicationScoped
public class Partitions {

    /** What one maintenance run did. */
    public record Outcome(List<String> created, List<String> dropped) {
    }

    private static final long LOCK = 0x7e1e_0001L;
    private static final Pattern NAME = Pattern.compile("point_p(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private final Pool pool;

    public Partitions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Outcome> maintain(LocalDate today, int retentionDays, int daysAhead) {
        LocalDate first = today.minusDays(retentionDays);
        LocalDate last = today.plusDays(daysAhead);
        return pool.withTransaction(c -> c.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .flatMap(x -> existing(c))
                .flatMap(days -> {
                    List<String> create = new ArrayList<>();
                    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                        if (!days.contains(d)) {
                            create.add(name(d));
                        }
                    }
                    List<String> drop = days.stream().filter(d -> d.isBefore(first)).map(Partitions::name).toList();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String t : create) {
                        LocalDate d = LocalDate.parse(t.substring(7), DAY);
                        String ddl = "CREATE TABLE " + t + " PARTITION OF point FOR VALUES FROM ('" + d
                                + "T00:00:00Z') TO ('" + d.plusDays(1) + "T00:00:00Z')";
                        chain = chain.flatMap(v -> c.query(ddl).execute().replaceWithVoid());
                    }
                    for (String t : drop) {
                        chain = chain.flatMap(v -> c.query("DROP TABLE " + t).execute().replaceWithVoid());
                    }
                    return chain.replaceWith(new Outcome(create, drop));
                }));
    }

    /** The days that have a partition. */
    public Uni<List<LocalDate>> days() {
        return pool.withConnection(this::existing);
    }

    private Uni<List<LocalDate>> existing(SqlConnection c) {
        return c.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'point' AND p.relnamespace ="
                + " 'public'::regnamespace ORDER BY 1").execute().map(rs -> {
                    List<LocalDate> out = new ArrayList<>();
                    for (Row r : rs) {
                        Matcher m = NAME.matcher(r.getString(0));
                        if (m.matches()) {
                            out.add(LocalDate.parse(m.group(1), DAY));
                        }
                    }
                    return out;
                });
    }

    static String name(LocalDate d) {
        return "point_p" + d.format(DAY);
    }
}
