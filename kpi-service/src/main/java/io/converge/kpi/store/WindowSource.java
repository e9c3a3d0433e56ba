package io.converge.kpi.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.kpi.api.CalendarInput;
import io.converge.kpi.domain.CounterSample;
import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.ShiftCalendar;
import io.converge.kpi.domain.StateSamples;
import io.converge.kpi.domain.Tariff;
import io.converge.kpi.domain.WindowCalculator;
import io.converge.kpi.store.BindingRepository.Binding;
import io.converge.kpi.stream.AssetInfo;
import io.converge.kpi.stream.BindingCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads what the window calculation of one asset over a time range needs: the bound metrics' samples in the range
 * (plus the last one before and the first one after, per metric), the site's shift calendar (zone and planned busy
 * periods; without a calendar the site is planned around the clock, in UTC), the line's production orders and the
 * site's energy tariffs.
 */
@ApplicationScoped
public class WindowSource {

    private final CalendarRepository calendars;
    private final TariffRepository tariffs;
    private final OrderRepository orders;
    private final ObjectMapper json;

    public WindowSource(CalendarRepository calendars, TariffRepository tariffs, OrderRepository orders,
            ObjectMapper json) {
        this.calendars = calendars;
        this.tariffs = tariffs;
        this.orders = orders;
        this.json = json;
    }

    public Uni<WindowCalculator.Inputs> load(SqlClient c, AssetInfo asset, Binding b, Instant from, Instant to) {
        List<String> metrics = new ArrayList<>(BindingCache.metricsOf(b));
        Uni<Map<String, List<Row>>> samples = samples(c, asset, metrics, from, to);
        Uni<Optional<ShiftCalendar>> calendar = asset.siteId() == null ? Uni.createFrom().item(Optional.empty())
                : calendars.find(asset.siteId()).map(s -> s.map(x -> read(x.document())));
        Uni<List<Tariff>> prices = asset.siteId() == null || b.energyMetric() == null
                ? Uni.createFrom().item(List.of())
                : tariffs.ofSite(c, asset.siteId()).map(l -> l.stream().map(TariffRepository.StoredTariff::tariff)
                        .toList());
        Uni<List<WindowCalculator.OrderSlot>> slots = asset.lineId() == null ? Uni.createFrom().item(List.of())
                : orders.overlapping(asset.lineId(), from, to, 100_000).map(l -> l.stream()
                        .map(o -> new WindowCalculator.OrderSlot(new Interval(o.startsAt(), o.endsAt()),
                                o.idealCycleSeconds())).toList());
        return Uni.combine().all().unis(samples, calendar, prices, slots).with((rows, cal, t, o) -> {
            List<Interval> planned = cal.map(x -> x.plannedBusy(from, to)).orElse(null);
            ZoneId zone = cal.map(ShiftCalendar::zone).orElse(ZoneOffset.UTC);
            return new WindowCalculator.Inputs(
                    b.stateMetric() == null ? null : StateSamples.of(reports(rows, b.stateMetric()),
                            reports(rows, b.downReasonMetric())),
                    counter(rows, b.goodCountMetric()), counter(rows, b.scrapCountMetric()),
                    counter(rows, b.energyMetric()), planned, o, t, zone);
        });
    }

    private static Uni<Map<String, List<Row>>> samples(SqlClient c, AssetInfo asset, List<String> metrics,
            Instant from, Instant to) {
        String cols = "metric, ts, value, state, quality";
        return c.preparedQuery("SELECT " + cols + " FROM kpi_sample WHERE asset_id = $1 AND metric = ANY($2)"
                + " AND ts >= $3 AND ts < $4"
                + " UNION ALL SELECT p.* FROM unnest($2::text[]) AS m(name), LATERAL (SELECT " + cols
                + " FROM kpi_sample WHERE asset_id = $1 AND metric = m.name AND ts < $3 ORDER BY ts DESC LIMIT 1) p"
                + " UNION ALL SELECT n.* FROM unnest($2::text[]) AS m(name), LATERAL (SELECT " + cols
                + " FROM kpi_sample WHERE asset_id = $1 AND metric = m.name AND ts >= $4 ORDER BY ts LIMIT 1) n")
                .execute(Tuple.of(asset.id(), metrics.toArray(String[]::new), SampleStore.odt(from),
                        SampleStore.odt(to)))
                .map(rs -> {
                    Map<String, List<Row>> out = new HashMap<>();
                    rs.forEach(r -> out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
                    out.values().forEach(l -> l.sort(java.util.Comparator.comparing(r -> r.getOffsetDateTime(1))));
                    return out;
                });
    }

    private static List<StateSamples.Report> reports(Map<String, List<Row>> rows, String metric) {
        if (metric == null) {
            return List.of();
        }
        List<StateSamples.Report> out = new ArrayList<>();
        for (Row r : rows.getOrDefault(metric, List.of())) {
            String text = r.getString(3);
            if (text == null && r.getDouble(2) != null) {
                text = String.valueOf(r.getDouble(2));
            }
            out.add(new StateSamples.Report(r.getOffsetDateTime(1).toInstant(), text, r.getShort(4) < 2));
        }
        return out;
    }

    /** Numeric readings of a counter; bad-quality readings are not trusted and skipped. Null when not bound. */
    private static List<CounterSample> counter(Map<String, List<Row>> rows, String metric) {
        if (metric == null) {
            return null;
        }
        List<CounterSample> out = new ArrayList<>();
        for (Row r : rows.getOrDefault(metric, List.of())) {
            Double v = r.getDouble(2);
            if (v != null && r.getShort(4) < 2) {
                out.add(new CounterSample(r.getOffsetDateTime(1).toInstant(), v));
            }
        }
        return out;
    }

    private ShiftCalendar read(String doc) {
        try {
            return json.readValue(doc, CalendarInput.class).toDomain();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored shift calendar unreadable", e);
        }
    }
}
