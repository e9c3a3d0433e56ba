package io.converge.kpi.stream;

import static io.converge.kpi.stream.Feed.state;
import static io.converge.kpi.stream.Feed.value;
import static io.converge.kpi.stream.StreamingTest.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.TelemetryPointsData.Sample;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.WindowCalculator;
import io.converge.kpi.domain.WindowFigures;
import io.converge.kpi.store.WindowRepository;
import io.converge.kpi.store.WindowSource;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The windows the stream computed batch by batch — in order, with stops growing past the small-stop threshold,
 * reasons entered late, and points arriving late within the allowed lateness — equal the windows computed at once
 * from all the stored samples.
 */
@QuarkusTest
class IncrementalEqualsBatchTest {

    static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    WindowSource source;
    @Inject
    WindowRepository windows;
    @Inject
    BindingCache bindings;
    @Inject
    AssetDirectory assets;
    @Inject
    KpiConfig config;

    @Test
    void streamedWindowsEqualOneComputationOverAllSamples() {
        try (Feed feed = new Feed(json, UUID.randomUUID(), UUID.randomUUID())) {
            feed.assetCreated("medium");
            await("asset known", () -> assets.find(feed.assetId).await().indefinitely().isPresent());
            given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                    .body("{\"stateMetric\":\"st\",\"downReasonMetric\":\"why\",\"goodCountMetric\":\"good\","
                            + "\"scrapCountMetric\":\"scrap\",\"energyMetric\":\"kwh\"}")
                    .put("/api/v1/kpis/bindings/asset:" + feed.tag).then().statusCode(201);

            // 40 minutes, one event per 20 s of data: running, a 7-min stop (reason entered 2 min into it),
            // running, a 3-min idle, running; counters every 5 s; a few points held back and sent 4 minutes late
            Random rnd = new Random(7);
            List<Sample> held = new ArrayList<>();
            double good = 0;
            double kwh = 500;
            String last = null;
            for (int chunk = 0; chunk < 120; chunk++) {
                List<Sample> batch = new ArrayList<>();
                for (int s = chunk * 20; s < chunk * 20 + 20; s += 5) {
                    Instant t = T0.plusSeconds(s);
                    String st = s >= 600 && s < 1020 ? "down" : s >= 1500 && s < 1680 ? "idle" : "running";
                    if (!st.equals(last) || s % 30 == 0) {
                        batch.add(state("st", t, st));
                        last = st;
                    }
                    if (s == 720) {
                        batch.add(state("why", t, "jam"));
                    }
                    good += "running".equals(st) ? 4 + rnd.nextInt(2) : 0;
                    kwh += "running".equals(st) ? 0.05 : 0.01;
                    Sample g = value("good", t, good);
                    Sample k = value("kwh", t, kwh);
                    if (rnd.nextInt(40) == 0) {
                        held.add(g);
                    } else {
                        batch.add(g);
                    }
                    batch.add(k);
                    batch.add(value("scrap", t, Math.floor(good / 50)));
                }
                feed.points(batch);
                if (chunk % 12 == 11 && !held.isEmpty()) { // the held-back readings arrive 4 minutes late
                    feed.points(new ArrayList<>(held));
                    held.clear();
                }
            }
            feed.points(List.of(state("st", T0.plusSeconds(2460), "running")));
            Instant end = T0.plusSeconds(2400);
            // wait for exactly what is asserted below: the 40 one-minute windows of [T0, end) (a later window may
            // close before an earlier one that late readings reopened)
            await("40 windows", () -> count(feed.assetId) >= 40 && pool.withConnection(c -> windows.windows(c,
                    feed.tag, null, 60, T0, end)).await().indefinitely().size() >= 40);
            StreamingTest.await("stream settled", () -> settled(feed.assetId));

            var asset = assets.find(feed.assetId).await().indefinitely().orElseThrow();
            var binding = bindings.of(asset).orElseThrow();
            Duration reach = config.states().maxGap().plus(config.states().smallStopThreshold());
            WindowCalculator.Settings settings = new WindowCalculator.Settings(config.states().maxGap(),
                    config.states().smallStopThreshold(), config.states().setupReasons(),
                    io.converge.kpi.domain.Counters.ResetPolicy.POST_RESET_VALUE);
            var inputs = pool.withConnection(c -> source.load(c, asset, binding, T0.minus(reach), end.plus(reach)))
                    .await().indefinitely();
            var stored = pool.withConnection(c -> windows.windows(c, feed.tag, null, 60, T0, end))
                    .await().indefinitely();
            assertEquals(40, stored.size());
            for (var w : stored) {
                WindowFigures once = WindowCalculator.compute(inputs, new Interval(w.start(), w.start()
                        .plusSeconds(60)), settings);
                assertEquals(once, w.figures(), "window " + w.start());
            }
        }
    }

    private long count(UUID asset) {
        return pool.preparedQuery("SELECT count(*) FROM kpi_window WHERE asset_id = $1 AND width_s = 60")
                .execute(Tuple.of(asset)).await().indefinitely().iterator().next().getLong(0);
    }

    /** No dirty range with a closed window left for the asset. */
    private boolean settled(UUID asset) {
        return pool.preparedQuery("SELECT count(*) FROM kpi_dirty d JOIN kpi_clock c USING (asset_id)"
                + " WHERE d.asset_id = $1 AND d.from_ts + d.width_s * interval '1 s' <= c.max_ts")
                .execute(Tuple.of(asset)).await().indefinitely().iterator().next().getLong(0) == 0;
    }
}
