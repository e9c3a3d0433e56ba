package io.converge.kpi.stream;

import static io.converge.kpi.stream.Feed.state;
import static io.converge.kpi.stream.Feed.value;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.TelemetryPointsData.Sample;
import io.converge.events.Topics;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming path end to end on real Kafka and PostgreSQL: asset and telemetry events in, windows stored and
 * published, the KPI query answering the hand-computed figures; late points correct windows (revision 1, published);
 * too-late points are dropped; a redelivered event id is skipped; a poison record goes to the DLQ and the consumer
 * goes on.
 */
@QuarkusTest
class StreamingTest {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    /**
     * Ten minutes: running 0–6, down (jam) 6–8, running 8–11; 25 good units a running minute, 5 scrap in minute 3;
     * the meter runs 0.5 kWh a minute at 0.20 EUR/kWh; the order's ideal cycle time is 2 s. Over [0, 10):
     * A = 480 / 600 = 0.8, PQ = 205, GQ = 200, E = 205 × 2 / 480, Q = 200 / 205, OEE = 2/3,
     * MTBF = 480 s (one failure), MTTR = 120 s, 5 kWh, 1.00 EUR, 0.025 kWh per good unit.
     */
    static List<Sample> tenMinutes() {
        List<Sample> s = new ArrayList<>();
        s.add(state("machine.state", T0, "running"));
        s.add(state("machine.state", T0.plusSeconds(360), "down"));
        s.add(state("machine.reason", T0.plusSeconds(360), "jam"));
        s.add(state("machine.state", T0.plusSeconds(480), "running"));
        s.add(state("machine.state", T0.plusSeconds(600), "running"));
        s.add(state("machine.state", T0.plusSeconds(660), "running"));
        for (int t = 0; t <= 660; t += 30) {
            double runningMinutes = Math.min(t, 360) / 60.0 + Math.max(0, t - 480) / 60.0;
            s.add(value("count.good", T0.plusSeconds(t), 25 * runningMinutes));
            s.add(value("count.scrap", T0.plusSeconds(t), t <= 180 ? 0 : 5));
            s.add(value("energy.kwh", T0.plusSeconds(t), 100 + 0.5 * t / 60.0));
        }
        return s;
    }

    @org.junit.jupiter.api.BeforeAll
    static void doubles() {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void windowsFromTelemetryCorrectionsAndDedup() throws Exception {
        UUID site = UUID.randomUUID();
        UUID line = UUID.randomUUID();
        try (Feed feed = new Feed(json, site, line);
             KafkaTopicReader kpiEvents = new KafkaTopicReader(Topics.KPI_EVENTS);
             KafkaTopicReader dlq = new KafkaTopicReader(Topics.dlq(Topics.TELEMETRY_POINTS))) {
            setUp(feed);
            String firstId = feed.points(tenMinutes());

            await("ten 1-min windows", () -> windows(feed.assetId, 60) >= 11);
            given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .queryParam("scope", "asset:" + feed.tag).queryParam("from", T0.toString())
                    .queryParam("to", T0.plusSeconds(600).toString()).queryParam("bucket", "PT10M")
                    .get("/api/v1/kpis/oee").then().statusCode(200)
                    .body("windowWidth", equalTo("PT1M"))
                    .body("buckets.size()", equalTo(1)).body("buckets[0].windows", equalTo(10))
                    .body("total.availability.value", closeTo(0.8, 1e-9))
                    .body("total.effectiveness.value", closeTo(410.0 / 480, 1e-9))
                    .body("total.quality.value", closeTo(200.0 / 205, 1e-9))
                    .body("total.oee.value", closeTo(2.0 / 3, 1e-9))
                    .body("total.producedQuantity", closeTo(205, 1e-9));
            given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .queryParam("scope", "line:" + line).queryParam("from", T0.toString())
                    .queryParam("to", T0.plusSeconds(600).toString()).queryParam("bucket", "10m")
                    .get("/api/v1/kpis/reliability").then().statusCode(200)
                    .body("total.failures", equalTo(1)).body("total.repairs", equalTo(1))
                    .body("total.mtbfSeconds.value", closeTo(480, 1e-9))
                    .body("total.mttrSeconds.value", closeTo(120, 1e-9));
            given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .queryParam("scope", "asset:" + feed.tag).queryParam("from", T0.toString())
                    .queryParam("to", T0.plusSeconds(600).toString()).queryParam("bucket", "PT10M")
                    .get("/api/v1/kpis/energy").then().statusCode(200)
                    .body("total.energyKwh", closeTo(5, 1e-9)).body("total.cost.EUR", closeTo(1.0, 1e-9))
                    .body("total.energyPerGoodUnit.value", closeTo(0.025, 1e-9));
            given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .queryParam("scope", "asset:" + feed.tag).queryParam("from", T0.toString())
                    .queryParam("to", T0.plusSeconds(600).toString()).queryParam("bucket", "PT5M")
                    .get("/api/v1/kpis/losses").then().log().ifValidationFails().statusCode(200)
                    .body("buckets[1].figures.downtimeMinutesByReason.jam", closeTo(2, 1e-9))
                    .body("buckets[1].figures.smallStopMinutes", closeTo(2, 1e-9))
                    .body("buckets[0].figures.smallStopMinutes", closeTo(0, 1e-9));
            var published = kpiEvents.await(r -> feed.assetId.toString().equals(r.key())
                    && T0.toString().equals(r.value().path("data").path("start").asText())
                    && "PT1M".equals(r.value().path("data").path("width").asText()), Duration.ofSeconds(20));
            assertEquals("io.converge.kpi.window", published.value().path("type").asText());
            assertEquals(0, published.value().path("data").path("revision").asInt());

            // a late point inside the allowed lateness: the machine was down from 9:30; window 9 is corrected
            feed.points(List.of(state("machine.state", T0.plusSeconds(570), "down"),
                    state("machine.reason", T0.plusSeconds(570), "jam")));
            await("window 9 corrected", () -> revision(feed.assetId, T0.plusSeconds(540)) == 1);
            var correction = kpiEvents.await(r -> feed.assetId.toString().equals(r.key())
                    && T0.plusSeconds(540).toString().equals(r.value().path("data").path("start").asText())
                    && r.value().path("data").path("revision").asInt() == 1, Duration.ofSeconds(20));
            assertEquals(0.5, correction.value().path("data").path("availability").asDouble(), 1e-9);

            // too late (an hour before the latest sample): dropped; a redelivered id with other values: skipped
            long before = samples(feed.assetId);
            feed.points(List.of(state("machine.state", T0.minusSeconds(3600), "down")));
            feed.points(firstId, List.of(value("count.good", T0.plusSeconds(15), 9999)));
            // a poison record goes to the DLQ; the next good record is still taken
            feed.raw("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"source\":\"/x\",\"type\":\"io.converge.other\"}");
            feed.points(List.of(state("machine.state", T0.plusSeconds(720), "running")));
            await("marker taken", () -> clock(feed.assetId).equals(T0.plusSeconds(720)));
            assertEquals(before + 1, samples(feed.assetId), "only the marker sample was stored");
            assertEquals(0, revision(feed.assetId, T0), "the redelivered event changed nothing");
            var dead = dlq.await(r -> feed.assetId.toString().equals(r.key()), Duration.ofSeconds(20));
            assertEquals("io.converge.other", dead.value().path("type").asText());
            // what was processed is acknowledged: the group's committed offset moves past the last record
            String group = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("converge.kafka.group", String.class);
            // the same series and time under a new event id (a device re-sending a corrected reading): replaced
            feed.points(List.of(state("machine.state", T0.plusSeconds(720), "idle")));
            await("reading replaced", () -> "idle".equals(pool.preparedQuery("SELECT state FROM kpi_sample"
                    + " WHERE asset_id = $1 AND metric = 'machine.state' AND ts = $2").execute(Tuple.of(feed.assetId,
                            T0.plusSeconds(720).atOffset(java.time.ZoneOffset.UTC))).await().indefinitely()
                    .iterator().next().getString(0)));
            assertEquals(before + 1, samples(feed.assetId));
            await("offsets committed", () -> io.converge.testing.KafkaTopicWriter.committed(group,
                    feed.last.partition()) > feed.last.offset());
        }
    }

    private void setUp(Feed feed) {
        feed.assetCreated("high");
        await("asset known", () -> pool.preparedQuery("SELECT count(*) FROM kpi_asset WHERE id = $1")
                .execute(Tuple.of(feed.assetId)).await().indefinitely().iterator().next().getLong(0) == 1);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{\"stateMetric\":\"machine.state\",\"downReasonMetric\":\"machine.reason\","
                        + "\"goodCountMetric\":\"count.good\",\"scrapCountMetric\":\"count.scrap\","
                        + "\"energyMetric\":\"energy.kwh\"}")
                .put("/api/v1/kpis/bindings/line:" + feed.lineId).then().statusCode(201);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{\"orderNumber\":\"SO-" + UUID.randomUUID() + "\",\"lineId\":\"" + feed.lineId
                        + "\",\"product\":\"bracket\",\"plannedQuantity\":1000,\"idealCycleSeconds\":2,"
                        + "\"startsAt\":\"" + T0.minusSeconds(3600) + "\",\"endsAt\":\"" + T0.plusSeconds(7200) + "\"}")
                .post("/api/v1/kpis/orders").then().statusCode(201);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{\"siteId\":\"" + feed.siteId + "\",\"pricePerKwh\":0.2,\"currency\":\"EUR\",\"days\":"
                        + "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],"
                        + "\"start\":\"00:00\",\"end\":\"00:00\",\"effectiveFrom\":\"2026-01-01\"}")
                .post("/api/v1/kpis/tariffs").then().statusCode(201);
    }

    private long windows(UUID asset, int width) {
        return pool.preparedQuery("SELECT count(*) FROM kpi_window WHERE asset_id = $1 AND width_s = $2")
                .execute(Tuple.of(asset, width)).await().indefinitely().iterator().next().getLong(0);
    }

    private int revision(UUID asset, Instant start) {
        var rs = pool.preparedQuery("SELECT revision FROM kpi_window WHERE asset_id = $1 AND width_s = 60"
                + " AND start_ts = $2").execute(Tuple.of(asset, start.atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely();
        return rs.size() == 0 ? -1 : rs.iterator().next().getInteger(0);
    }

    private long samples(UUID asset) {
        return pool.preparedQuery("SELECT count(*) FROM kpi_sample WHERE asset_id = $1").execute(Tuple.of(asset))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private Instant clock(UUID asset) {
        var rs = pool.preparedQuery("SELECT max_ts FROM kpi_clock WHERE asset_id = $1").execute(Tuple.of(asset))
                .await().indefinitely();
        return rs.size() == 0 ? Instant.EPOCH : rs.iterator().next().getOffsetDateTime(0).toInstant();
    }

    static void await(String what, Supplier<Boolean> condition) {
        io.converge.testing.Await.until(what, Duration.ofSeconds(30), condition::get);
    }
}
