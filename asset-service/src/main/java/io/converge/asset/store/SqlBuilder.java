package io.converge.asset.store;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Collects WHERE conditions with positional parameters ($1, $2, ...) so values are never concatenated into SQL. */
public final class SqlBuilder {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    /** Registers a value and returns its placeholder. */
    public String param(Object value) {
        args.add(value);
        return "$" + args.size();
    }

    /** Adds a condition; use {@link #param} for its values. */
    public SqlBuilder where(String condition) {
        conditions.add(condition);
        return this;
    }

    public String whereClause() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Tuple tuple() {
        return Tuple.tuple(new ArrayList<>(args));
    }
}
