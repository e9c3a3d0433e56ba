package io.converge.asset.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.asset.domain.Actor;
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
import java.util.UUID;

/** The audit trail: who (token subject), what (before/after), when — written in the change's own transaction. */
@ApplicationScoped
public class AuditLog {

    /** One audit entry as the API returns it. */
    public record Entry(long id, String entityType, UUID entityId, String action, String actor, String actorName,
            JsonObject before, JsonObject after, String reason, Instant at) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public AuditLog(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> add(SqlClient c, String entityType, UUID id, String action, Actor actor, Object before,
            Object after) {
        return add(c, entityType, id, action, actor, before, after, null);
    }

    /** An entry with the caller's stated reason (status changes). */
    public Uni<Void> add(SqlClient c, String entityType, UUID id, String action, Actor actor, Object before,
            Object after, String reason) {
        return c.preparedQuery("INSERT INTO audit_entry (entity_type, entity_id, action, actor, actor_name, before,"
                + " after, reason) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8)")
                .execute(Tuple.from(java.util.Arrays.asList(entityType, id, action, actor.subject(), actor.name(),
                        write(before), write(after), reason)))
                .replaceWithVoid();
    }

    /** Many entries in one statement (bulk import). */
    public Uni<Void> addAll(SqlClient c, String entityType, List<UUID> ids, List<String> actions, Actor actor,
            List<?> befores, List<?> afters) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] b = befores.stream().map(this::write).toArray(String[]::new);
        String[] a = afters.stream().map(this::write).toArray(String[]::new);
        return c.preparedQuery("INSERT INTO audit_entry (entity_type, entity_id, action, actor, actor_name, before,"
                + " after) SELECT $1, u.id, u.action, $2, $3, u.before::jsonb, u.after::jsonb"
                + " FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[]) AS u(id, action, before, after)")
                .execute(Tuple.from(java.util.Arrays.asList(entityType, actor.subject(), actor.name(),
                        ids.toArray(UUID[]::new), actions.toArray(String[]::new), b, a)))
                .replaceWithVoid();
    }

    /** Entries of one entity, newest first, keyset-paginated by entry id. */
    public Uni<List<Entry>> list(String entityType, UUID id, Long beforeId, int limit) {
        return pool.preparedQuery("SELECT * FROM audit_entry WHERE entity_type = $1 AND entity_id = $2"
                + (beforeId != null ? " AND id < $4" : "") + " ORDER BY id DESC LIMIT $3")
                .execute(beforeId != null ? Tuple.of(entityType, id, limit, beforeId) : Tuple.of(entityType, id, limit))
                .map(rs -> {
                    List<Entry> out = new ArrayList<>();
                    for (Row r : rs) {
                        out.add(new Entry(r.getLong("id"), r.getString("entity_type"), r.getUUID("entity_id"),
                                r.getString("action"), r.getString("actor"), r.getString("actor_name"),
                                r.getJsonObject("before"), r.getJsonObject("after"), r.getString("reason"),
                                r.getOffsetDateTime("at").toInstant()));
                    }
                    return out;
                });
    }

    private String write(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
