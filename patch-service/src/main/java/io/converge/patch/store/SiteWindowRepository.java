package io.converge.patch.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Maintenance windows per site; writes are optimistic on {@code version}. */
@ApplicationScoped
public class SiteWindowRepository {

    /** A stored window. */
    public record SiteWindow(UUID siteId, String cron, Duration duration, String zone, long version, Instant updatedAt,
            String updatedBy) {
    }

    private static final String COLUMNS = "site_id, cron, duration_s, zone, version, updated_at, updated_by";
    private final Pool pool;

    public SiteWindowRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<SiteWindow>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM site_window ORDER BY site_id").execute().map(rs -> {
            List<SiteWindow> out = new ArrayList<>();
            rs.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    public Uni<Optional<SiteWindow>> find(UUID site) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM site_window WHERE site_id = $1").execute(Tuple.of(site))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** The windows of these sites, by site (a site without a window is absent). */
    public Uni<Map<UUID, SiteWindow>> find(Collection<UUID> sites) {
        if (sites.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM site_window WHERE site_id = ANY($1)")
                .execute(Tuple.of((Object) sites.toArray(UUID[]::new))).map(rs -> {
                    Map<UUID, SiteWindow> out = new HashMap<>();
                    rs.forEach(r -> out.put(r.getUUID("site_id"), map(r)));
                    return out;
                });
    }

    /** Inserts; empty when the site has a window already. */
    public Uni<Optional<SiteWindow>> insert(UUID site, String cron, Duration duration, String zone, String actor) {
        return pool.preparedQuery("INSERT INTO site_window (site_id, cron, duration_s, zone, updated_by)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(site, cron, duration.toSeconds(), zone, actor))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Replaces when the stored version is {@code expected}; empty otherwise (absent or stale). */
    public Uni<Optional<SiteWindow>> replace(UUID site, String cron, Duration duration, String zone, long expected,
            String actor) {
        return pool.preparedQuery("UPDATE site_window SET cron = $2, duration_s = $3, zone = $4, updated_by = $5,"
                + " version = version + 1, updated_at = now() WHERE site_id = $1 AND version = $6 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {site, cron, duration.toSeconds(), zone, actor, expected}))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Deletes when the version is {@code expected} (any when null); the number of rows deleted. */
    public Uni<Integer> delete(UUID site, Long expected) {
        return pool.preparedQuery("DELETE FROM site_window WHERE site_id = $1 AND ($2::bigint IS NULL OR version = $2)")
                .execute(Tuple.of(site, expected)).map(rs -> rs.rowCount());
    }

    private static SiteWindow map(Row r) {
        return new SiteWindow(r.getUUID("site_id"), r.getString("cron"), Duration.ofSeconds(r.getLong("duration_s")),
                r.getString("zone"), r.getLong("version"), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("updated_by"));
    }
}
