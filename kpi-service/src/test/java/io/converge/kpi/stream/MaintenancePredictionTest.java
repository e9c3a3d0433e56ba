package io.converge.kpi.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.events.AssetEventData;
import io.converge.events.KpiEventTypes;
import io.converge.events.Topics;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Predictive maintenance end to end below the Kafka consumer: series fed to the {@link ConditionMonitor} bean as the
 * consumer would (batches of 60 one-minute samples), results read through the REST API (real PostgreSQL, Keycloak
 * tokens) and the events through the real converge.kpi.events topic (the outbox rows relayed).
 */
@QuarkusTest
class MaintenancePredictionTest {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** Stated tolerance of the predicted crossing against the known one: ±1 h (3.4 % of the 29 h ahead). */
    static final double TOLERANCE_HOURS = 1.0;

    @Inject
    ConditionMonitor monitor;
    @Inject
    ConditionBindings interest;
    @Inject
    AssetDirectory assets;
    @Inject
    Pool pool;

    private AssetInfo asset(String criticality, UUID site, UUID line) {
        UUID id = UUID.randomUUID();
        String tag = "M-" + id.toString().substring(0, 8);
        assets.apply(new AssetEventData(id, tag, tag, "ot", "pump", null, null, null, null, site, line, null,
                criticality, null, "active", Map.of(), 1, T0, "test", null, null), false).await().indefinitely();
        return assets.byId(id).await().indefinitely().orElseThrow();
    }

    private static void bind(String tag, String metric, String body) {
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json").body(body)
                .put("/api/v1/kpis/conditions/" + tag + "/" + metric).then().statusCode(201);
    }

    /** Feeds samples {@code from} … {@code to − 1} (one a minute from T0) in batches of 60. */
    private void feed(AssetInfo a, String metric, int from, int to, IntToDoubleFunction value) {
        for (int start = from; start < to; start += 60) {
            List<KpiSample> batch = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + 60); i++) {
                batch.add(new KpiSample(a.id(), metric, T0.plus(MINUTE.multipliedBy(i)), value.applyAsDouble(i),
                        null, 0));
            }
            monitor.onSamples(a, batch).await().indefinitely();
        }
    }

    private static JsonPath list(String query) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get("/api/v1/kpis/maintenance?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath condition(String tag, String metric) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get("/api/v1/kpis/conditions/" + tag + "/" + metric).then().statusCode(200).extract().jsonPath();
    }

    private static boolean maintenanceEvent(KafkaTopicReader.Received r, AssetInfo a, String action) {
        return KpiEventTypes.MAINTENANCE.equals(r.value().path("type").asText())
                && a.id().toString().equals(r.value().path("subject").asText())
                && action.equals(r.value().at("/data/action").asText());
    }

    @Test
    void degradingVibrationPredictsTheKnownCrossing() {
        UUID site = UUID.randomUUID();
        AssetInfo a = asset("high", site, null);
        bind(a.tag(), "vibration.rms", "{\"label\":\"bearing vibration\",\"threshold\":7.1,\"direction\":\"rising\","
                + "\"alpha\":0.1,\"windowSize\":720}");
        assertTrue(interest.metrics(a).contains("vibration.rms"), "the consumer is told to keep the metric");
        // 3.0 mm/s rising 0.1 mm/s per hour with N(0, 0.05²) noise, one sample a minute for 12 h: the threshold
        // 7.1 is crossed at (7.1 − 3.0) / 0.1 = 41 h, 29 h after the last sample (11 h 59 min)
        Instant crossing = T0.plus(Duration.ofHours(41));
        Random rnd = new Random(42);
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.KPI_EVENTS)) {
            feed(a, "vibration.rms", 0, 720, i -> 3.0 + 0.1 * (i / 60.0) + rnd.nextGaussian() * 0.05);
            var opened = events.await(r -> maintenanceEvent(r, a, "opened"), Duration.ofSeconds(30));
            assertEquals(a.id().toString(), opened.key());
            assertEquals("vibration.rms", opened.value().at("/data/metric").asText());
            assertEquals("high", opened.value().at("/data/criticality").asText());
        }
        JsonPath l = list("site=" + site);
        assertEquals(1, l.getList("$").size());
        assertEquals("open", l.getString("[0].state"));
        assertEquals(a.tag(), l.getString("[0].assetTag"));
        assertEquals("bearing vibration", l.getString("[0].label"));
        Instant predicted = Instant.parse(l.getString("[0].predictedCrossing"));
        double errorHours = Duration.between(crossing, predicted).toSeconds() / 3600.0;
        assertEquals(0, errorHours, TOLERANCE_HOURS, "predicted " + predicted + ", known " + crossing);
        double hours = l.getDouble("[0].hoursToCrossing");
        assertEquals(41 - 719 / 60.0, hours, TOLERANCE_HOURS);
        assertEquals(T0.plus(MINUTE.multipliedBy(719)), Instant.parse(l.getString("[0].asOf")));
        assertTrue(l.getDouble("[0].confidence") > 0.9, "clean trend: " + l.getDouble("[0].confidence"));
        assertEquals(0.1, l.getDouble("[0].slopePerHour"), 0.01);
        assertEquals("planned", l.getString("[0].severity"));
        assertEquals("high", l.getString("[0].criticality"));
        assertEquals(3, l.getInt("[0].criticalityWeight"));
        assertEquals(72.0, l.getDouble("[0].horizonHours"), 0);
        assertEquals(1 - hours / 72, l.getDouble("[0].urgency"), 1e-6);
        assertEquals(3 * (1 - hours / 72), l.getDouble("[0].risk"), 1e-6);
        assertFalse(l.getBoolean("[0].anomaly"));
        JsonPath c = condition(a.tag(), "vibration.rms");
        assertEquals(720, c.getInt("prediction.samples"));
        assertEquals(hours, c.getDouble("prediction.hoursToCrossing"), 1e-9);
        assertTrue(Math.abs(c.getDouble("prediction.smoothed") - 4.2) < 0.1, "smoothed ≈ 4.2");
    }

    @Test
    void stableSeriesRecommendsNothing() {
        UUID site = UUID.randomUUID();
        AssetInfo a = asset("critical", site, null);
        bind(a.tag(), "spindle.temperature", "{\"threshold\":90,\"direction\":\"rising\",\"windowSize\":240}");
        Random rnd = new Random(7);
        feed(a, "spindle.temperature", 0, 480, i -> 60 + rnd.nextGaussian() * 0.3);
        assertEquals(0, list("state=all&site=" + site).getList("$").size());
        JsonPath c = condition(a.tag(), "spindle.temperature");
        Float h = c.get("prediction.hoursToCrossing");
        assertTrue(h == null || h > 72 || c.getDouble("prediction.confidence") < 0.5,
                "no crossing inside the horizon: " + c.getString("prediction"));
    }

    @Test
    void rankedByCriticalityTimesUrgency() {
        UUID site = UUID.randomUUID();
        UUID line = UUID.randomUUID();
        AssetInfo low = asset("low", site, line);
        AssetInfo critical = asset("critical", site, line);
        String body = "{\"threshold\":7.1,\"direction\":\"rising\",\"alpha\":0.5,\"windowSize\":120}";
        bind(low.tag(), "vibration", body);
        bind(critical.tag(), "vibration", body);
        // low: crossing in ≈ 5 h → urgency ≈ 0.93, risk ≈ 0.93; critical: ≈ 45 h → urgency ≈ 0.375, risk ≈ 1.5
        Random rnd = new Random(3);
        feed(low, "vibration", 0, 360, i -> 6.0 + 0.1 * (i / 60.0) + rnd.nextGaussian() * 0.01);
        feed(critical, "vibration", 0, 360, i -> 2.0 + 0.1 * (i / 60.0) + rnd.nextGaussian() * 0.01);
        JsonPath l = list("site=" + site + "&line=" + line);
        assertEquals(List.of(critical.tag(), low.tag()), l.getList("assetTag"));
        assertTrue(l.getDouble("[0].hoursToCrossing") > l.getDouble("[1].hoursToCrossing"),
                "the critical asset ranks first although it crosses later");
        for (int i = 0; i < 2; i++) {
            double expected = l.getInt("[" + i + "].criticalityWeight") * (1 - l.getDouble("[" + i
                    + "].hoursToCrossing") / 72);
            assertEquals(expected, l.getDouble("[" + i + "].risk"), 1e-6);
        }
        assertEquals(1.5, l.getDouble("[0].risk"), 0.05);
        assertEquals(0.93, l.getDouble("[1].risk"), 0.02);
        assertEquals("imminent", l.getString("[1].severity"));
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get("/api/v1/kpis/maintenance?limit=1&site=" + site).then().statusCode(200).body("$", hasSize(1))
                .body("[0].assetTag", equalTo(critical.tag()));
    }

    @Test
    void resolvedWhenTheTrendReverses() {
        UUID site = UUID.randomUUID();
        AssetInfo a = asset("medium", site, null);
        bind(a.tag(), "motor.current", "{\"threshold\":7.1,\"direction\":\"rising\",\"windowSize\":240}");
        feed(a, "motor.current", 0, 360, i -> 3.0 + 0.2 * (i / 60.0));
        assertEquals("open", list("site=" + site).getString("[0].state"));
        String reason;
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.KPI_EVENTS)) {
            // the load is taken off: falling 0.5 A/h for 5 h
            feed(a, "motor.current", 360, 660, i -> 4.2 - 0.5 * ((i - 360) / 60.0));
            var resolved = events.await(r -> maintenanceEvent(r, a, "resolved"), Duration.ofSeconds(30));
            reason = resolved.value().at("/data/reason").asText();
        }
        assertEquals(0, list("site=" + site).getList("$").size());
        JsonPath r = list("state=resolved&site=" + site);
        assertEquals(1, r.getList("$").size());
        assertEquals("resolved", r.getString("[0].state"));
        assertNotNull(r.getString("[0].resolvedAt"));
        assertEquals(0.0, r.getDouble("[0].risk"), 0);
        // as the window fills with falling samples the fit first loses confidence (the bend is not a line), then
        // its crossing leaves the horizon, then the slope turns: whichever comes first resolves, with its reason
        assertEquals(reason, r.getString("[0].resolveReason"));
        assertTrue(reason.startsWith("trend confidence") || reason.startsWith("no longer predictable")
                || reason.contains("beyond the 72 h horizon"), reason);
        assertEquals(1, list("state=all&site=" + site).getList("$").size());
    }

    @Test
    void anomalySpikeIsFlagged() {
        UUID site = UUID.randomUUID();
        AssetInfo a = asset("high", site, null);
        bind(a.tag(), "bearing.temperature", "{\"threshold\":90,\"direction\":\"rising\",\"windowSize\":120}");
        // 80 °C rising 1 °C/h with N(0, 0.1²) noise for 3 h; one reading of +3 °C at 2 h
        Random rnd = new Random(11);
        int spike = 120;
        feed(a, "bearing.temperature", 0, 180, i -> 80 + i / 60.0 + rnd.nextGaussian() * 0.1 + (i == spike ? 3 : 0));
        JsonPath c = condition(a.tag(), "bearing.temperature");
        assertTrue(c.getBoolean("prediction.anomaly"));
        assertEquals(1, c.getInt("prediction.anomalyCount"));
        assertEquals(T0.plus(MINUTE.multipliedBy(spike)), Instant.parse(c.getString("prediction.lastAnomalyAt")));
        JsonPath l = list("site=" + site);
        assertEquals(1, l.getList("$").size(), "10 °C to go at 1 °C/h: inside the horizon");
        assertTrue(l.getBoolean("[0].anomaly"));
        assertEquals(1, l.getInt("[0].anomalyCount"));
        assertEquals(T0.plus(MINUTE.multipliedBy(spike)), Instant.parse(l.getString("[0].lastAnomalyAt")));
    }

    @Test
    void predictorIsRebuiltFromStoredSamplesAndUnbindingResolves() {
        UUID site = UUID.randomUUID();
        AssetInfo a = asset(null, site, null);
        bind(a.tag(), "gearbox.vibration", "{\"threshold\":7.1,\"direction\":\"rising\",\"alpha\":1,"
                + "\"windowSize\":240}");
        // 5 h stored by the consumer before a restart (this replica never saw them), then 5 new samples
        for (int i = 0; i < 300; i++) {
            pool.preparedQuery("INSERT INTO kpi_sample (asset_id, metric, ts, value) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(a.id(), "gearbox.vibration", T0.plus(MINUTE.multipliedBy(i))
                            .atOffset(ZoneOffset.UTC), 5.0 + 0.1 * (i / 60.0)))
                    .await().indefinitely();
        }
        feed(a, "gearbox.vibration", 300, 305, i -> 5.0 + 0.1 * (i / 60.0));
        JsonPath c = condition(a.tag(), "gearbox.vibration");
        assertEquals(240, c.getInt("prediction.samples"));
        // noiseless, α = 1: crossing at 21 h exactly, 21 − 304/60 h after the last sample
        assertEquals(21 - 304 / 60.0, c.getDouble("prediction.hoursToCrossing"), 1e-3);
        JsonPath l = list("site=" + site);
        assertEquals(1, l.getList("$").size());
        assertEquals(2, l.getInt("[0].criticalityWeight"), "unknown criticality ranks as medium");
        try (KafkaTopicReader events = new KafkaTopicReader(Topics.KPI_EVENTS)) {
            given().header("Authorization", KeycloakTokens.bearer("engineer"))
                    .delete("/api/v1/kpis/conditions/" + a.tag() + "/gearbox.vibration").then().statusCode(204);
            events.await(r -> maintenanceEvent(r, a, "resolved")
                    && "condition binding removed".equals(r.value().at("/data/reason").asText()),
                    Duration.ofSeconds(30));
        }
        assertEquals("condition binding removed", list("state=resolved&site=" + site).getString("[0].resolveReason"));
        assertFalse(interest.metrics(a).contains("gearbox.vibration"));
        // samples of an unbound metric are ignored
        feed(a, "gearbox.vibration", 305, 310, i -> 9.0);
        assertEquals(0, list("site=" + site).getList("$").size());
    }
}
