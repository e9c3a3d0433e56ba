package io.converge.kpi.store;

import io.converge.kpi.api.OrderInput;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Production orders (ERP data); the order number is unique (a second import of it is a 409). */
@ApplicationScoped
public class OrderRepository {

    /** A stored production order. */
    public record Order(UUID id, String orderNumber, UUID lineId, String product, long plannedQuantity,
            double idealCycleSeconds, Instant startsAt, Instant endsAt, long version, Instant createdAt,
            String createdBy) {
    }

    private static final String COLUMNS = "id, order_number, line_id, product, planned_quantity, ideal_cycle_seconds,"
            + " starts_at, ends_at, version, created_at, created_by";
    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Order> insert(OrderInput in, String actor) {
        return pool.preparedQuery("INSERT INTO production_order (id, order_number, line_id, product, planned_quantity,"
                + " ideal_cycle_seconds, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), in.orderNumber(), in.lineId(), in.product(),
                        in.plannedQuantity(), in.idealCycleSeconds(), in.startsAt().atOffset(ZoneOffset.UTC),
                        in.endsAt().atOffset(ZoneOffset.UTC), actor}))
                .map(rs -> map(rs.iterator().next()));
    }

    public Uni<Optional<Order>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM production_order WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Orders overlapping [from, to), of one line or all lines, by start time. */
    public Uni<List<Order>> overlapping(UUID line, Instant from, Instant to, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM production_order WHERE ($1::uuid IS NULL OR line_id = $1)"
                + " AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at, order_number LIMIT $4")
                .execute(Tuple.of(line, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
                .map(rs -> {
                    List<Order> out = new ArrayList<>(rs.size());
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Integer> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM production_order WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.rowCount());
    }

    private static Order map(Row r) {
        return new Order(r.getUUID("id"), r.getString("order_number"), r.getUUID("line_id"), r.getString("product"),
                r.getLong("planned_quantity"), r.getDouble("ideal_cycle_seconds"),
                r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(),
                r.getLong("version"), r.getOffsetDateTime("created_at").toInstant(), r.getString("created_by"));
    }
}
