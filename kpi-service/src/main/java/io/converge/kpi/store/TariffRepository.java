package io.converge.kpi.store;

import io.converge.kpi.domain.Tariff;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/** Energy tariffs per site; {@link Tariff#id()} is the row id. */
@ApplicationScoped
public class TariffRepository {

    /** A stored tariff with its site and author. */
    public record StoredTariff(UUID siteId, Tariff tariff, String createdBy) {
    }

    private static final String COLUMNS = "id, site_id, price_per_kwh, currency, days, start_time, end_time,"
            + " effective_from, effective_to, created_by";

    /** Serialises tariff writes of one site (transaction-scoped advisory lock), so overlap checks cannot race. */
    public Uni<Void> lockSite(SqlClient c, UUID site) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))").execute(Tuple.of(
                site.toString())).replaceWithVoid();
    }

    public Uni<List<StoredTariff>> ofSite(SqlClient c, UUID site) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM energy_tariff WHERE ($1::uuid IS NULL OR site_id = $1)"
                + " ORDER BY site_id, effective_from, start_time").execute(Tuple.of(site)).map(rs -> {
                    List<StoredTariff> out = new ArrayList<>(rs.size());
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Void> insert(SqlClient c, UUID site, Tariff t, String actor) {
        return c.preparedQuery("INSERT INTO energy_tariff (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                + " $9, $10)").execute(Tuple.from(new Object[] {UUID.fromString(t.id()), site, t.pricePerKwh(),
                        t.currency(), t.days().stream().map(DayOfWeek::name).sorted().toArray(String[]::new),
                        t.start(), t.end(), t.effectiveFrom(), t.effectiveTo(), actor})).replaceWithVoid();
    }

    public Uni<Integer> delete(SqlClient c, UUID id) {
        return c.preparedQuery("DELETE FROM energy_tariff WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.rowCount());
    }

    private static StoredTariff map(Row r) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(r.getArrayOfStrings("days")).map(DayOfWeek::valueOf).forEach(days::add);
        Tariff t = new Tariff(r.getUUID("id").toString(), r.getDouble("price_per_kwh"), r.getString("currency"), days,
                r.getLocalTime("start_time"), r.getLocalTime("end_time"), r.getLocalDate("effective_from"),
                r.getLocalDate("effective_to"));
        return new StoredTariff(r.getUUID("site_id"), t, r.getString("created_by"));
    }
}
