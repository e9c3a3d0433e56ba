package io.converge.security.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rules as data: the current definition of each rule and every version (created, updated, deleted). */
@ApplicationScoped
public class RuleStore {

    /** A stored rule: its JSON definition (text) and version. */
    public record StoredRule(String id, int version, String definition, boolean enabled, boolean shipped,
            Instant updatedAt, String updatedBy) {
    }

    /** One version of a rule; {@code definition} null for a deletion. */
    public record RuleVersion(String ruleId, int version, String definition, String change, Instant changedAt,
            String changedBy) {
    }

    private final Pool pool;

    public RuleStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<List<StoredRule>> all() {
        return pool.query("SELECT * FROM rule ORDER BY id").execute().map(rs -> {
            List<StoredRule> out = new ArrayList<>();
            rs.forEach(r -> out.add(row(r)));
            return out;
        });
    }

    public Uni<StoredRule> get(SqlClient c, String id, boolean lock) {
        return c.preparedQuery("SELECT * FROM rule WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(rs -> rs.iterator().hasNext() ? row(rs.iterator().next()) : null);
    }

    /** A fingerprint of the rule table: changes when any rule changes (another replica's edits are picked up). */
    public Uni<String> fingerprint() {
        return pool.query("SELECT count(*) || '|' || coalesce(max(updated_at)::text, '') ||"
                + " '|' || coalesce(sum(version), 0) FROM rule").execute()
                .map(rs -> rs.iterator().next().getString(0));
    }

    /** The next version number of a rule (deleted rules keep their history, so a re-created id continues it). */
    public Uni<Integer> nextVersion(SqlClient c, String id) {
        return c.preparedQuery("SELECT coalesce(max(version), 0) + 1 FROM rule_version WHERE rule_id = $1")
                .execute(Tuple.of(id)).map(rs -> rs.iterator().next().getInteger(0));
    }

    public Uni<StoredRule> insert(SqlClient c, String id, int version, String definition, boolean enabled,
            boolean shipped, String actor, String change) {
        return c.preparedQuery("INSERT INTO rule (id, version, definition, enabled, shipped, updated_by)"
                + " VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING *")
                .execute(Tuple.from(new Object[] {id, version, definition, enabled, shipped, actor}))
                .flatMap(rs -> history(c, id, version, definition, change, actor).replaceWith(row(rs.iterator()
                        .next())));
    }

    public Uni<StoredRule> update(SqlClient c, String id, int version, String definition, boolean enabled,
            String actor) {
        return c.preparedQuery("UPDATE rule SET version = $2, definition = $3::jsonb, enabled = $4, shipped = false,"
                + " updated_at = now(), updated_by = $5 WHERE id = $1 RETURNING *")
                .execute(Tuple.from(new Object[] {id, version, definition, enabled, actor}))
                .flatMap(rs -> history(c, id, version, definition, "updated", actor).replaceWith(row(rs.iterator()
                        .next())));
    }

    public Uni<Void> delete(SqlClient c, String id, int version, String actor) {
        return c.preparedQuery("DELETE FROM rule WHERE id = $1").execute(Tuple.of(id))
                .flatMap(x -> history(c, id, version, null, "deleted", actor));
    }

    public Uni<List<RuleVersion>> versions(String id) {
        return pool.preparedQuery("SELECT * FROM rule_version WHERE rule_id = $1 ORDER BY version DESC")
                .execute(Tuple.of(id)).map(rs -> {
                    List<RuleVersion> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new RuleVersion(r.getString("rule_id"), r.getInteger("version"),
                            text(r.getValue("definition")), r.getString("change"),
                            r.getOffsetDateTime("changed_at").toInstant(), r.getString("changed_by"))));
                    return out;
                });
    }

    /** Whether any rule was ever stored (the shipped set is seeded into an empty table only). */
    public Uni<Boolean> seeded(SqlClient c) {
        return c.query("SELECT EXISTS (SELECT 1 FROM rule_version)").execute()
                .map(rs -> rs.iterator().next().getBoolean(0));
    }

    private Uni<Void> history(SqlClient c, String id, int version, String definition, String change, String actor) {
        return c.preparedQuery("INSERT INTO rule_version (rule_id, version, definition, change, changed_by)"
                + " VALUES ($1, $2, $3::jsonb, $4, $5)")
                .execute(Tuple.of(id, version, definition, change, actor)).replaceWithVoid();
    }

    private static StoredRule row(Row r) {
        return new StoredRule(r.getString("id"), r.getInteger("version"), text(r.getValue("definition")),
                r.getBoolean("enabled"), r.getBoolean("shipped"), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("updated_by"));
    }

    private static String text(Object json) {
        return json == null ? null : json instanceof JsonObject j ? j.encode() : json.toString();
    }
}
