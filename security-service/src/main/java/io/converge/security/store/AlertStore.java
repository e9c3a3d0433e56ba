package io.converge.security.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.security.domain.AttackIcs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts: grouped by rule + asset. One alert per group key "groups" at a time (a partial unique index); it stops
 * grouping when it is resolved or marked a false positive, or when a match comes later than the grouping window
 * after its last event — then the next match raises a new alert.
 */
@ApplicationScoped
public class AlertStore {

    /** Matches of one rule on one asset within a batch, to be grouped into an alert. */
    public record Group(String key, String ruleId, int ruleVersion, String title, int level, int score,
            String severity, List<String> techniques, String suggestionsJson, UUID assetId, String assetTag,
            long count, Instant firstSeen, Instant lastSeen, UUID lastEventId, List<UUID> sampleEvents) {
    }

    /**
     * An alert after grouping: whether it was raised now or updated, and whether its state is to be published now
     * (raised, or its last publication is older than the publish interval) or later (the publisher's job).
     */
    public record Grouped(AlertView alert, boolean raised, boolean publish, Instant publishedAt) {
    }

    public record Filter(String state, String severity, Integer minScore, UUID assetId, String ruleId,
            String technique) {
    }

    private static final int SAMPLE = 20;
    private final Pool pool;
    private final ObjectMapper json;

    public AlertStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Groups a batch's matches into alerts, a statement per step whatever the batch's size: the groups whose open alert
     * saw its last event longer than the window before stop grouping; then each group is inserted as a new alert or
     * added to its open one (in the order given: callers pass them sorted by key, so that concurrent batches lock
     * alerts in the same order); then the sample of events behind each alert is topped up. Answers one result per
     * group, in the order given.
     */
    public Uni<List<Grouped>> group(SqlClient c, List<Group> groups, Duration window, Duration publishInterval) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = groups.size();
        String[] keys = new String[n];
        OffsetDateTime[] stale = new OffsetDateTime[n];
        UUID[] ids = new UUID[n];
        String[] rules = new String[n];
        Integer[] versions = new Integer[n];
        String[] titles = new String[n];
        Integer[] levels = new Integer[n];
        Integer[] scores = new Integer[n];
        String[] severities = new String[n];
        String[] techniques = new String[n];
        String[] suggestions = new String[n];
        UUID[] assets = new UUID[n];
        String[] tags = new String[n];
        Long[] counts = new Long[n];
        OffsetDateTime[] first = new OffsetDateTime[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        UUID[] lastEvents = new UUID[n];
        for (int i = 0; i < n; i++) {
            Group g = groups.get(i);
            keys[i] = g.key();
            stale[i] = g.firstSeen().minus(window).atOffset(ZoneOffset.UTC);
            ids[i] = UUID.randomUUID();
            rules[i] = g.ruleId();
            versions[i] = g.ruleVersion();
            titles[i] = g.title();
            levels[i] = g.level();
            scores[i] = g.score();
            severities[i] = g.severity();
            techniques[i] = new JsonArray(g.techniques()).encode();
            suggestions[i] = g.suggestionsJson();
            assets[i] = g.assetId();
            tags[i] = g.assetTag();
            counts[i] = g.count();
            first[i] = g.firstSeen().atOffset(ZoneOffset.UTC);
            last[i] = g.lastSeen().atOffset(ZoneOffset.UTC);
            lastEvents[i] = g.lastEventId();
        }
        return c.preparedQuery("UPDATE alert a SET grouping = false FROM unnest($1::text[], $2::timestamptz[]) AS"
                + " u(k, t) WHERE a.group_key = u.k AND a.grouping AND a.last_seen < u.t")
                .execute(Tuple.of(keys, stale))
                .flatMap(x -> c.preparedQuery("INSERT INTO alert (id, group_key, rule_id, rule_version, title, level,"
                        + " score, severity, techniques, suggestions, asset_id, asset_tag, event_count, first_seen,"
                        + " last_seen, last_event_id) SELECT i, k, r, v, ti, l, sc, se,"
                        + " ARRAY(SELECT jsonb_array_elements_text(te::jsonb)), su::jsonb, a, tg, n, f, ls, le"
                        + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[],"
                        + " $7::int[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[], $13::bigint[],"
                        + " $14::timestamptz[], $15::timestamptz[], $16::uuid[]) WITH ORDINALITY AS u(i, k, r, v, ti,"
                        + " l, sc, se, te, su, a, tg, n, f, ls, le, o) ORDER BY o"
                        + " ON CONFLICT (group_key) WHERE grouping DO UPDATE SET"
                        + " event_count = alert.event_count + excluded.event_count,"
                        + " first_seen = least(alert.first_seen, excluded.first_seen),"
                        + " last_seen = greatest(alert.last_seen, excluded.last_seen),"
                        + " severity = CASE WHEN excluded.score > alert.score THEN excluded.severity"
                        + " ELSE alert.severity END, score = greatest(alert.score, excluded.score),"
                        + " rule_version = excluded.rule_version, last_event_id = excluded.last_event_id,"
                        + " version = alert.version + 1, updated_at = now(),"
                        + " published_at = CASE WHEN alert.published_at <= now() - $17 * interval '1 millisecond'"
                        + " THEN now() ELSE alert.published_at END,"
                        + " publish_pending = alert.published_at > now() - $17 * interval '1 millisecond'"
                        + " RETURNING *, (xmax = 0) AS raised, NOT publish_pending AS publish")
                        .execute(Tuple.from(new Object[] {ids, keys, rules, versions, titles, levels, scores,
                            severities, techniques, suggestions, assets, tags, counts, first, last, lastEvents,
                            publishInterval.toMillis()})))
                .flatMap(rs -> {
                    Map<String, Grouped> byKey = new HashMap<>(n * 2);
                    for (Row r : rs) {
                        byKey.put(r.getString("group_key"), new Grouped(view(r), r.getBoolean("raised"),
                                r.getBoolean("publish"), r.getOffsetDateTime("published_at").toInstant()));
                    }
                    List<Grouped> out = new ArrayList<>(n);
                    List<UUID> sampleAlerts = new ArrayList<>();
                    List<UUID> sampleEvents = new ArrayList<>();
                    for (Group g : groups) {
                        Grouped gr = byKey.get(g.key());
                        out.add(gr);
                        if (gr.alert().count() - g.count() >= SAMPLE) {
                            continue; // its sample was full before this batch (each event so far was offered)
                        }
                        for (UUID e : g.sampleEvents()) {
                            sampleAlerts.add(gr.alert().id());
                            sampleEvents.add(e);
                        }
                    }
                    if (sampleAlerts.isEmpty()) {
                        return Uni.createFrom().item(out);
                    }
                    return c.preparedQuery("INSERT INTO alert_event (alert_id, event_id) SELECT a, e FROM"
                            + " unnest($1::uuid[], $2::uuid[]) AS u(a, e) WHERE (SELECT count(*) FROM alert_event x"
                            + " WHERE x.alert_id = u.a) < $3 ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(sampleAlerts.toArray(UUID[]::new), sampleEvents.toArray(UUID[]::new),
                                    SAMPLE))
                            .replaceWith(out);
                });
    }

    /**
     * Marks published, and answers, the alerts with a change not published yet whose last publication is at least the
     * interval old: those of {@code ids}, or all of them when {@code ids} is null (a scan of the table: for the
     * publisher's start and its occasional sweep only). Alerts a grouping transaction holds are skipped, never waited
     * for (they stay pending): the grouping batches lock their alerts in key order, and this statement, locking in
     * any other order, would deadlock with them. The caller writes their events in the same transaction.
     */
    public Uni<List<AlertView>> takeDue(SqlClient c, UUID[] ids, Duration interval) {
        String sql = "WITH due AS (SELECT id FROM alert WHERE publish_pending"
                + " AND published_at <= now() - $1 * interval '1 millisecond'"
                + (ids == null ? "" : " AND id = ANY($2)") + " FOR UPDATE SKIP LOCKED)"
                + " UPDATE alert a SET published_at = now(), publish_pending = false FROM due WHERE a.id = due.id"
                + " RETURNING a.*";
        Tuple args = ids == null ? Tuple.of(interval.toMillis()) : Tuple.of(interval.toMillis(), ids);
        return c.preparedQuery(sql).execute(args).map(rs -> {
            List<AlertView> out = new ArrayList<>();
            rs.forEach(r -> out.add(view(r)));
            return out;
        });
    }

    /** Of these alerts, those with a change not published yet, and when each was last published. */
    public Uni<Map<UUID, Instant>> pendingAmong(UUID[] ids) {
        return pool.preparedQuery("SELECT id, published_at FROM alert WHERE id = ANY($1) AND publish_pending")
                .execute(Tuple.of((Object) ids)).map(rs -> {
                    Map<UUID, Instant> out = new HashMap<>();
                    rs.forEach(r -> out.put(r.getUUID(0), r.getOffsetDateTime(1).toInstant()));
                    return out;
                });
    }

    public Uni<AlertView> get(SqlClient c, UUID id, boolean lock) {
        return c.preparedQuery("SELECT * FROM alert WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(rs -> rs.iterator().hasNext() ? view(rs.iterator().next()) : null);
    }

    /**
     * Sets the state (and ends grouping when final), the assignee or the response results; bumps the version. The
     * caller publishes the change in the same transaction (so nothing is pending any more).
     */
    public Uni<AlertView> update(SqlClient c, UUID id, String state, String assignee, boolean clearAssignee,
            String responsesJson) {
        return c.preparedQuery("UPDATE alert SET state = coalesce($2, state), published_at = now(),"
                + " publish_pending = false,"
                + " grouping = grouping AND coalesce($2, state) NOT IN ('resolved', 'false-positive'),"
                + " assignee = CASE WHEN $4 THEN NULL ELSE coalesce($3, assignee) END,"
                + " responses = coalesce($5::jsonb, responses), version = version + 1, updated_at = now()"
                + " WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id, state, assignee, clearAssignee, responsesJson))
                .map(rs -> view(rs.iterator().next()));
    }

    public Uni<Void> audit(SqlClient c, UUID alert, String actor, String action, String detailJson) {
        return c.preparedQuery("INSERT INTO alert_audit (alert_id, actor, action, detail) VALUES ($1,$2,$3,$4::jsonb)")
                .execute(Tuple.of(alert, actor, action, detailJson)).replaceWithVoid();
    }

    public Uni<Void> note(SqlClient c, UUID alert, String author, String text) {
        return c.preparedQuery("INSERT INTO alert_note (alert_id, author, text) VALUES ($1,$2,$3)")
                .execute(Tuple.of(alert, author, text)).replaceWithVoid();
    }

    /** Notes ({@code kind = note}) or the audit trail ({@code kind = audit}), oldest first. */
    public Uni<List<java.util.Map<String, Object>>> trail(UUID alert, String kind) {
        String sql = kind.equals("note") ? "SELECT author AS actor, text, at FROM alert_note WHERE alert_id = $1"
                + " ORDER BY id" : "SELECT actor, action, detail, at FROM alert_audit WHERE alert_id = $1 ORDER BY id";
        return pool.preparedQuery(sql).execute(Tuple.of(alert)).map(rs -> {
            List<java.util.Map<String, Object>> out = new ArrayList<>();
            rs.forEach(r -> {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                for (int i = 0; i < r.size(); i++) {
                    Object v = r.getValue(i);
                    m.put(r.getColumnName(i), v instanceof java.time.OffsetDateTime t ? t.toInstant()
                            : v instanceof io.vertx.core.json.JsonObject j ? j.getMap() : v);
                }
                out.add(m);
            });
            return out;
        });
    }

    public Uni<List<UUID>> events(UUID alert) {
        return pool.preparedQuery("SELECT event_id FROM alert_event WHERE alert_id = $1").execute(Tuple.of(alert))
                .map(rs -> {
                    List<UUID> out = new ArrayList<>();
                    rs.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    public Uni<Page<AlertView>> list(Filter f, Cursor cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alert WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.state() != null) {
            args.add(f.state());
            sql.append(" AND state = $").append(args.size());
        }
        if (f.severity() != null) {
            args.add(f.severity());
            sql.append(" AND severity = $").append(args.size());
        }
        if (f.minScore() != null) {
            args.add(f.minScore());
            sql.append(" AND score >= $").append(args.size());
        }
        if (f.assetId() != null) {
            args.add(f.assetId());
            sql.append(" AND asset_id = $").append(args.size());
        }
        if (f.ruleId() != null) {
            args.add(f.ruleId());
            sql.append(" AND rule_id = $").append(args.size());
        }
        if (f.technique() != null) {
            args.add(f.technique());
            sql.append(" AND $").append(args.size()).append(" = ANY (techniques)");
        }
        if (cursor != null) {
            args.add(cursor.at().atOffset(ZoneOffset.UTC));
            args.add(cursor.id());
            sql.append(" AND (last_seen, id) < ($").append(args.size() - 1).append(", $").append(args.size())
                    .append(")");
        }
        args.add(limit + 1);
        sql.append(" ORDER BY last_seen DESC, id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rs -> {
            List<AlertView> items = new ArrayList<>();
            rs.forEach(r -> items.add(view(r)));
            String next = null;
            if (items.size() > limit) {
                items.remove(limit);
                AlertView last = items.get(limit - 1);
                next = new Cursor(last.lastSeen(), last.id()).encode();
            }
            return new Page<>(items, next);
        });
    }

    private AlertView view(Row r) {
        List<AlertView.Technique> techniques = Arrays.stream(r.getArrayOfStrings("techniques"))
                .map(id -> AttackIcs.technique(id).map(t -> new AlertView.Technique(t.id(), t.name(), t.tactics()))
                        .orElse(new AlertView.Technique(id, null, List.of()))).toList();
        return new AlertView(r.getUUID("id"), r.getString("rule_id"), r.getInteger("rule_version"),
                r.getString("title"), r.getInteger("level"), r.getInteger("score"), r.getString("severity"),
                techniques, read(r.getValue("suggestions"), new TypeReference<List<AlertView.Suggestion>>() { }),
                r.getUUID("asset_id"), r.getString("asset_tag"), r.getString("state"), r.getString("assignee"),
                r.getLong("event_count"), r.getOffsetDateTime("first_seen").toInstant(),
                r.getOffsetDateTime("last_seen").toInstant(), r.getUUID("last_event_id"),
                read(r.getValue("responses"), new TypeReference<List<AlertView.ActionResult>>() { }),
                r.getLong("version"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant());
    }

    private <T> T read(Object jsonValue, TypeReference<T> type) {
        try {
            String text = jsonValue instanceof JsonArray a ? a.encode() : String.valueOf(jsonValue);
            return json.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored alert JSON unreadable", e);
        }
    }
}
