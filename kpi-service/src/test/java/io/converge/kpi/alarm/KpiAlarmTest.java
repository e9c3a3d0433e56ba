package io.converge.kpi.alarm;

import static io.converge.kpi.alarm.AlarmLifecycleTest.alarms;
import static io.converge.kpi.alarm.AlarmLifecycleTest.asset;
import static io.converge.kpi.alarm.AlarmLifecycleTest.createRule;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.WindowFigures;
import io.converge.kpi.stream.AssetInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** KPI alarms on windows fed through the {@link KpiAlarms} listener: asset windows, and line sums from kpi_window. */
@QuarkusTest
class KpiAlarmTest {

    static final Instant W0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    @Inject
    KpiAlarms kpis;
    @Inject
    Pool pool;

    static WindowFigures figures(double pbt, double apt, double pq, double gq) {
        return new WindowFigures(pbt, apt, pq, gq, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, Map.of(), 0, 0,
                false);
    }

    void window(AssetInfo a, Duration width, int minute, WindowFigures f) {
        Instant start = W0.plus(MINUTE.multipliedBy(minute));
        kpis.onWindow(a, width, new Interval(start, start.plus(width)), 0, f).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void anAssetKpiRuleReadsTheWindowOfItsWidthAndSkipsUndefinedValues() {
        AssetInfo a = asset(null);
        String scope = "asset:" + a.tag();
        createRule(scope, "\"kpi\":\"availability\",\"operator\":\"<\",\"threshold\":0.8,\"hysteresis\":0.05,"
                + "\"severity\":\"warning\"");
        window(a, Duration.ofHours(1), 0, figures(3600, 60, 0, 0));   // another width: ignored
        alarms(scope, "all").body("items", hasSize(0));
        window(a, MINUTE, 0, figures(60, 30, 0, 0));
        String id = alarms(scope, "open").body("items", hasSize(1)).body("items[0].raiseValue", equalTo(0.5f))
                .body("items[0].raisedAt", equalTo(W0.plus(MINUTE).toString()))
                .body("items[0].kpi", equalTo("availability")).body("items[0].widthSeconds", equalTo(60))
                .body("items[0].assetId", equalTo(a.id().toString())).extract().path("items[0].id");
        window(a, MINUTE, 1, figures(0, 0, 0, 0));                     // PBT 0: availability undefined
        alarms(scope, "open").body("items", hasSize(1));
        window(a, MINUTE, 2, figures(60, 50.4, 0, 0));                 // 0.84: inside the band
        alarms(scope, "open").body("items", hasSize(1));
        window(a, MINUTE, 3, figures(60, 54, 0, 0));                   // 0.9: cleared
        alarms(scope, "cleared").body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].clearValue", equalTo(0.9f));
    }

    @Test
    void aLineKpiRuleSumsTheFiguresOfTheLinesAssets() {
        UUID line = UUID.randomUUID();
        AssetInfo a = asset(line);
        AssetInfo b = asset(line);
        createRule("line:" + line, "\"kpi\":\"quality\",\"operator\":\"<\",\"threshold\":0.9,"
                + "\"severity\":\"critical\"");
        // each asset alone is fine or not, the line's quality is (9 + 7) / (10 + 10) = 0.8
        store(a, 5, figures(60, 60, 10, 9));
        store(b, 5, figures(60, 60, 10, 7));
        store(asset(UUID.randomUUID()), 5, figures(60, 60, 100, 100));   // another line
        window(b, MINUTE, 5, figures(60, 60, 10, 7));
        alarms("line:" + line, "open").body("items", hasSize(1)).body("items[0].raiseValue", equalTo(0.8f))
                .body("items[0].assetId", nullValue()).body("items[0].lineId", equalTo(line.toString()))
                .body("items[0].scope", equalTo("line:" + line));
        // the window of the other asset re-evaluates the same sum: no second alarm
        window(a, MINUTE, 5, figures(60, 60, 10, 9));
        alarms("line:" + line, "all").body("items", hasSize(1));
        store(a, 6, figures(60, 60, 10, 10));
        store(b, 6, figures(60, 60, 10, 10));
        window(a, MINUTE, 6, figures(60, 60, 10, 10));
        alarms("line:" + line, "cleared").body("items", hasSize(1)).body("items[0].clearValue", equalTo(1.0f));
    }

    void store(AssetInfo a, int minute, WindowFigures f) {
        pool.preparedQuery("INSERT INTO kpi_window (asset_id, width_s, start_ts, asset_tag, line_id, site_id, pbt_s,"
                + " apt_s, pq, gq, ideal_s, unordered_pq, down_s, setup_s, idle_s, unknown_s, down_by_reason, failures,"
                + " repairs, breakdown_s, setup_loss_s, small_stop_s, energy_kwh, energy_cost, unpriced_kwh,"
                + " counter_resets, partial) VALUES ($1, 60, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, 0, 0, 0, 0, '{}',"
                + " 0, 0, 0, 0, 0, 0, '{}', 0, 0, false)")
                .execute(Tuple.from(new Object[] {a.id(), W0.plus(MINUTE.multipliedBy(minute)).atOffset(ZoneOffset.UTC),
                        a.tag(), a.lineId(), a.siteId(), f.pbtSeconds(), f.aptSeconds(), f.pq(), f.gq()}))
                .await().atMost(Duration.ofSeconds(10));
    }
}
