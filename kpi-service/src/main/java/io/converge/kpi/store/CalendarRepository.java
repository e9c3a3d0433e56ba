package io.converge.kpi.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Shift calendars, one JSON document per site; writes are optimistic on {@code version}. */
@ApplicationScoped
public class CalendarRepository {

    /** A stored calendar document (JSON text) with its version. */
    public record StoredCalendar(UUID siteId, String document, long version, Instant updatedAt, String updatedBy) {
    }

    private static final String COLUMNS = "site_id, document::text AS document, version, updated_at, updated_by";
    private final Pool pool;

    public CalendarRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredCalendar>> find(UUID site) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shift_calendar WHERE site_id = $1")
                .execute(Tuple.of(site)).map(rs -> rs.size() == 0 ? Optional.empty()
                        : Optional.of(map(rs.iterator().next())));
    }

    /** Inserts; empty when the site already has a calendar. */
    public Uni<Optional<StoredCalendar>> insert(UUID site, String json, String actor) {
        return pool.preparedQuery("INSERT INTO shift_calendar (site_id, document, updated_by) VALUES ($1,"
                + " $2::text::jsonb, $3) ON CONFLICT (site_id) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(site, json, actor)).map(rs -> rs.size() == 0 ? Optional.empty()
                        : Optional.of(map(rs.iterator().next())));
    }

    /** Replaces when the stored version is {@code expected} (any when null); empty otherwise. */
    public Uni<Optional<StoredCalendar>> replace(UUID site, String json, Long expected, String actor) {
        return pool.preparedQuery("UPDATE shift_calendar SET document = $2::text::jsonb, version = version + 1,"
                + " updated_at = now(), updated_by = $3 WHERE site_id = $1 AND ($4::bigint IS NULL OR version = $4)"
                + " RETURNING " + COLUMNS).execute(Tuple.of(site, json, actor, expected))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    private static StoredCalendar map(Row r) {
        return new StoredCalendar(r.getUUID("site_id"), r.getString("document"), r.getLong("version"),
                r.getOffsetDateTime("updated_at").toInstant(), r.getString("updated_by"));
    }
}
