package io.converge.patch.store;

import static io.converge.patch.store.DeploymentRepository.COLUMNS;
import static io.converge.patch.store.DeploymentRepository.FROM;
import static io.converge.patch.store.DeploymentRepository.OPEN;
import static io.converge.patch.store.DeploymentRepository.RB_COLUMNS;
import static io.converge.patch.store.DeploymentRepository.RB_FROM;
import static io.converge.patch.store.DeploymentRepository.RB_OPEN;

import io.converge.patch.store.DeploymentRepository.Action;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The device protocol's reads and writes of deployment actions, for one device or many at once (a gateway speaking
 * for the devices behind it): every statement takes arrays, so a batch costs the same few statements as one device.
 * An update action is a {@code campaign_target} row; a rollback action is the same row's {@code rollback_*} columns,
 * mapped onto the same {@link Action} shape.
 */
@ApplicationScoped
public class DeviceActions {

    /** A state change to store: the action, its new state and progress, and the device's message (may be null). */
    public record Change(UUID actionId, String state, int progress, String message) {
    }

    /**
     * Per tag, the action the device should work on: one offered and not finished first (of a running campaign),
     * else a pending one in its campaign's current wave or an earlier one; the oldest campaign first. Windows are the
     * caller's concern.
     */
    public Uni<Map<String, Action>> current(SqlClient c, Collection<String> tags) {
        return c.preparedQuery("SELECT DISTINCT ON (t.tag) " + COLUMNS + FROM + " WHERE t.tag = ANY($1)"
                + " AND c.state = 'running' AND (t.deployment_state IN " + OPEN
                + " OR (t.deployment_state = 'pending' AND t.wave_index <= c.current_wave))"
                + " ORDER BY t.tag, (t.deployment_state = 'pending'), c.created_at, c.id")
                .execute(Tuple.of(tags.toArray(String[]::new))).map(DeviceActions::byTag);
    }

    /**
     * Per tag, the device's rollback action: one offered and not finished first, else a pending one; of any campaign
     * but a cancelled one; the oldest campaign first.
     */
    public Uni<Map<String, Action>> currentRollbacks(SqlClient c, Collection<String> tags) {
        return c.preparedQuery("SELECT DISTINCT ON (t.tag) " + RB_COLUMNS + RB_FROM + " WHERE t.tag = ANY($1)"
                + " AND c.state <> 'cancelled' AND t.rollback_state IN " + RB_OPEN
                + " ORDER BY t.tag, (t.rollback_state = 'pending'), c.created_at, c.id")
                .execute(Tuple.of(tags.toArray(String[]::new))).map(DeviceActions::byTag);
    }

    /** Updates pending → offered; the ones changed (an action offered meanwhile by a concurrent poll is left out). */
    public Uni<List<Action>> offer(SqlClient c, Collection<UUID> actionIds) {
        if (actionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("UPDATE campaign_target t SET deployment_state = 'offered', offered_at = now(),"
                + " last_feedback_at = now(), updated_at = now() FROM campaign c JOIN firmware f ON f.id = c.firmware_id"
                + " WHERE c.id = t.campaign_id AND t.action_id = ANY($1) AND t.deployment_state = 'pending'"
                + " RETURNING " + COLUMNS).execute(Tuple.of(actionIds.toArray(UUID[]::new))).map(DeviceActions::list);
    }

    /** Rollbacks pending → offered; the ones changed. */
    public Uni<List<Action>> offerRollbacks(SqlClient c, Collection<UUID> actionIds) {
        if (actionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("UPDATE campaign_target t SET rollback_state = 'offered', rollback_offered_at = now(),"
                + " rollback_last_feedback_at = now(), updated_at = now() FROM campaign c"
                + " JOIN firmware f ON f.id = c.firmware_id, firmware pf WHERE c.id = t.campaign_id"
                + " AND pf.id = t.rollback_firmware_id AND t.rollback_action_id = ANY($1)"
                + " AND t.rollback_state = 'pending' RETURNING " + RB_COLUMNS)
                .execute(Tuple.of(actionIds.toArray(UUID[]::new))).map(DeviceActions::list);
    }

    /**
     * The actions (updates and rollbacks) with these ids, by id; with {@code lock} their rows are locked until the
     * transaction ends, in key order (two batches never wait for each other in a cycle).
     */
    public Uni<Map<UUID, Action>> find(SqlClient c, Collection<UUID> actionIds, boolean lock) {
        UUID[] ids = actionIds.toArray(UUID[]::new);
        String lk = lock ? " ORDER BY t.campaign_id, t.seq FOR UPDATE OF t" : "";
        return c.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE t.action_id = ANY($1)" + lk)
                .execute(Tuple.of((Object) ids)).flatMap(updates -> {
                    Map<UUID, Action> out = byId(updates);
                    if (out.size() == ids.length) {
                        return Uni.createFrom().item(out);
                    }
                    return c.preparedQuery("SELECT " + RB_COLUMNS + RB_FROM + " WHERE t.rollback_action_id = ANY($1)"
                            + lk).execute(Tuple.of((Object) ids)).map(rbs -> {
                                out.putAll(byId(rbs));
                                return out;
                            });
                });
    }

    /**
     * Stores feedback on update actions (state, progress, message, last heard from); the caller has them locked and
     * knows the result, so nothing is read back (RETURNING with the campaign and firmware joins cost a third of the
     * statement).
     */
    public Uni<Void> update(SqlClient c, List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE campaign_target t SET deployment_state = u.state, progress = u.progress,"
                + " message = COALESCE(u.message, t.message), last_feedback_at = now(), updated_at = now()"
                + " FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS u(action_id, state, progress, message)"
                + " WHERE t.action_id = u.action_id").execute(arrays(changes)).replaceWithVoid();
    }

    /** Stores feedback on rollback actions (locked by the caller). */
    public Uni<Void> updateRollbacks(SqlClient c, List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE campaign_target t SET rollback_state = u.state, rollback_progress = u.progress,"
                + " rollback_message = COALESCE(u.message, t.rollback_message), rollback_last_feedback_at = now(),"
                + " updated_at = now()"
                + " FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS u(action_id, state, progress, message)"
                + " WHERE t.rollback_action_id = u.action_id").execute(arrays(changes)).replaceWithVoid();
    }

    private static Tuple arrays(List<Change> changes) {
        return Tuple.of(changes.stream().map(Change::actionId).toArray(UUID[]::new),
                changes.stream().map(Change::state).toArray(String[]::new),
                changes.stream().map(Change::progress).toArray(Integer[]::new),
                changes.stream().map(Change::message).toArray(String[]::new));
    }

    private static List<Action> list(RowSet<Row> rs) {
        List<Action> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(DeploymentRepository.map(r)));
        return out;
    }

    private static Map<String, Action> byTag(RowSet<Row> rs) {
        Map<String, Action> out = new LinkedHashMap<>();
        rs.forEach(r -> {
            Action a = DeploymentRepository.map(r);
            out.put(a.tag(), a);
        });
        return out;
    }

    private static Map<UUID, Action> byId(RowSet<Row> rs) {
        Map<UUID, Action> out = new LinkedHashMap<>();
        rs.forEach(r -> {
            Action a = DeploymentRepository.map(r);
            out.put(a.actionId(), a);
        });
        return out;
    }
}
