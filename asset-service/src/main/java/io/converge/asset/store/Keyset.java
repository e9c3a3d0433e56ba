package io.converge.asset.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.rest.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset (cursor) pagination over a whitelisted set of sort fields. {@code sort=criticality,-name} orders by the given
 * fields, the row id breaking ties; the cursor carries the last row's sort values, so pages stay stable under inserts
 * and every page is an index range scan rather than an OFFSET.
 *
 * @param <T> the row type
 */
public final class Keyset<T> {

    /** How a sort value is carried in the cursor and bound as a parameter. */
    public enum Type { TEXT, INT, TIMESTAMP }

    /** A sortable field: its SQL expression (never null-valued) and how to read it from a row. */
    public record Column<T>(String sql, Type type, Function<T, Object> getter) {
    }

    private record Key<T>(String name, Column<T> column, boolean desc) {
    }

    private record CursorBody(String s, List<Object> k, String id) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Column<T>> columns;
    private final String idSql;
    private final Function<T, UUID> id;
    private final String spec;
    private final List<Key<T>> keys = new ArrayList<>();

    /**
     * @param columns sortable fields by API name
     * @param idSql the id column, the final tie-breaker
     * @param sort the request's {@code sort} parameter, or null for {@code defaultSort}
     */
    public Keyset(Map<String, Column<T>> columns, String idSql, Function<T, UUID> id, String sort, String defaultSort) {
        this.columns = new LinkedHashMap<>(columns);
        this.idSql = idSql;
        this.id = id;
        this.spec = sort == null || sort.isBlank() ? defaultSort : sort.replace(" ", "");
        for (String part : spec.split(",")) {
            boolean desc = part.startsWith("-");
            String name = desc || part.startsWith("+") ? part.substring(1) : part;
            Column<T> c = this.columns.get(name);
            if (c == null) {
                throw DomainException.badRequest("cannot sort by '" + name + "'; sortable fields: "
                        + String.join(", ", this.columns.keySet()));
            }
            if (keys.stream().anyMatch(k -> k.name().equals(name))) {
                throw DomainException.badRequest("sort field '" + name + "' given twice");
            }
            keys.add(new Key<>(name, c, desc));
        }
    }

    /** Adds the "after the cursor" condition to the query, if a cursor is given. */
    public void after(String cursor, SqlBuilder sql) {
        if (cursor == null || cursor.isBlank()) {
            return;
        }
        CursorBody body = decode(cursor);
        if (!spec.equals(body.s()) || body.k() == null || body.k().size() != keys.size() || body.id() == null) {
            throw DomainException.badRequest("the cursor belongs to another sort order or is corrupt");
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            params.add(bind(keys.get(i).column(), body.k().get(i), sql));
        }
        String idParam;
        try {
            idParam = sql.param(UUID.fromString(body.id()));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("invalid cursor");
        }
        // (k1 > v1) OR (k1 = v1 AND k2 < v2) OR ... OR (all equal AND id > last id)
        List<String> ors = new ArrayList<>();
        for (int i = 0; i <= keys.size(); i++) {
            List<String> ands = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                ands.add(keys.get(j).column().sql() + " = " + params.get(j));
            }
            if (i < keys.size()) {
                Key<T> k = keys.get(i);
                ands.add(k.column().sql() + (k.desc() ? " < " : " > ") + params.get(i));
            } else {
                ands.add(idSql + " > " + idParam);
            }
            ors.add("(" + String.join(" AND ", ands) + ")");
        }
        sql.where("(" + String.join(" OR ", ors) + ")");
    }

    public String orderBy() {
        List<String> parts = new ArrayList<>();
        for (Key<T> k : keys) {
            parts.add(k.column().sql() + (k.desc() ? " DESC" : " ASC"));
        }
        parts.add(idSql + " ASC");
        return " ORDER BY " + String.join(", ", parts);
    }

    /**
     * Builds the page from {@code limit + 1} fetched rows: the extra row only tells that there is a next page.
     */
    public Page<T> page(List<T> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        T last = items.get(limit - 1);
        List<Object> values = new ArrayList<>();
        for (Key<T> k : keys) {
            Object v = k.column().getter().apply(last);
            values.add(v instanceof Instant i ? i.toString() : v);
        }
        return new Page<>(List.copyOf(items), encode(new CursorBody(spec, values, id.apply(last).toString())));
    }

    private static String bind(Column<?> c, Object value, SqlBuilder sql) {
        try {
            return switch (c.type()) {
                case TEXT -> sql.param((String) value);
                case INT -> sql.param(((Number) value).intValue());
                case TIMESTAMP -> sql.param(OffsetDateTime.ofInstant(Instant.parse((String) value), ZoneOffset.UTC));
            };
        } catch (RuntimeException e) {
            throw DomainException.badRequest("invalid cursor");
        }
    }

    private static String encode(CursorBody body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CursorBody decode(String cursor) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            Map<String, Object> m = JSON.readValue(new String(raw, StandardCharsets.UTF_8), new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            List<Object> k = (List<Object>) m.get("k");
            return new CursorBody((String) m.get("s"), k, (String) m.get("id"));
        } catch (Exception e) {
            throw DomainException.badRequest("invalid cursor");
        }
    }
}
