package io.converge.kpi.alarm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.events.KpiEventTypes;
import io.converge.events.Topics;
import io.converge.kpi.domain.AlarmTracker;
import io.converge.kpi.stream.AssetInfo;
import io.converge.kpi.stream.KpiSample;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Metric alarms end to end: samples fed through the {@link MetricAlarms} listener raise, clear and re-raise alarms in
 * PostgreSQL; operators acknowledge them with real tokens; each transition is an outbox row relayed to Kafka.
 */
@QuarkusTest
class AlarmLifecycleTest {

    static final String RULES = "/api/v1/kpis/alarm-rules";
    static final String ALARMS = "/api/v1/kpis/alarms";
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Inject
    MetricAlarms metrics;
    @Inject
    AlarmTrackers trackers;
    @Inject
    AlarmRuleCache cache;
    @Inject
    Pool pool;

    static AssetInfo asset(UUID line) {
        return new AssetInfo(UUID.randomUUID(), "ALM-" + UUID.randomUUID().toString().substring(0, 8),
                UUID.randomUUID(), line, "high");
    }

    static String createRule(String scope, String condition) {
        return given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{\"scope\":\"" + scope + "\"," + condition + "}").post(RULES).then().statusCode(201).extract()
                .path("id");
    }

    static ValidatableResponse alarms(String scope, String state) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("scope", scope)
                .queryParam("state", state).get(ALARMS).then().statusCode(200);
    }

    static ValidatableResponse alarm(String id) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).get(ALARMS + "/" + id).then();
    }

    static ValidatableResponse ack(String user, String id, String body) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user));
        if (body != null) {
            req = req.contentType("application/json").body(body);
        }
        return req.post(ALARMS + "/" + id + "/acknowledge").then();
    }

    void feed(AssetInfo a, String metric, long second, double value) {
        feed(a, new KpiSample(a.id(), metric, T0.plusSeconds(second), value, null, 0));
    }

    void feed(AssetInfo a, KpiSample... samples) {
        metrics.onSamples(a, List.of(samples)).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void raisedAfterTheForDurationAcknowledgedByAnOperatorAndClearedBeyondTheBand() {
        AssetInfo a = asset(null);
        String scope = "asset:" + a.tag();
        String rule = createRule(scope, "\"metric\":\"spindle.temp\",\"operator\":\">\",\"threshold\":80,"
                + "\"forSeconds\":60,\"hysteresis\":2,\"severity\":\"critical\",\"description\":\"hot\"");
        try (KafkaTopicReader kafka = new KafkaTopicReader(Topics.KPI_EVENTS)) {
            feed(a, "spindle.temp", 0, 79);
            feed(a, "spindle.temp", 10, 85);   // pending since second 10
            feed(a, "spindle.temp", 40, 86);
            alarms(scope, "all").body("items", hasSize(0));
            assertEquals(AlarmTracker.State.PENDING, trackers.state(UUID.fromString(rule), a.id()).orElseThrow());
            // a sample of another metric moves the asset's event time past the "for" duration: raised at second 75
            feed(a, "spindle.rpm", 75, 1200);
            String id = alarms(scope, null).body("items", hasSize(1)).body("nextCursor", nullValue())
                    .body("items[0].state", equalTo("active")).body("items[0].seq", equalTo(1))
                    .body("items[0].raiseValue", equalTo(86.0f))
                    .body("items[0].raisedAt", equalTo(T0.plusSeconds(75).toString()))
                    .body("items[0].assetId", equalTo(a.id().toString())).body("items[0].assetTag", equalTo(a.tag()))
                    .body("items[0].ruleId", equalTo(rule)).body("items[0].severity", equalTo("critical"))
                    .body("items[0].metric", equalTo("spindle.temp")).body("items[0].description", equalTo("hot"))
                    .extract().path("items[0].id");
            // uncertain values and states change nothing
            feed(a, new KpiSample(a.id(), "spindle.temp", T0.plusSeconds(80), 10.0, null, 1),
                    new KpiSample(a.id(), "spindle.temp", T0.plusSeconds(81), null, "off", 0));
            alarm(id).statusCode(200).body("state", equalTo("active"));

            ack("viewer", id, null).statusCode(403).contentType(startsWith("application/problem+json"));
            given().post(ALARMS + "/" + id + "/acknowledge").then().statusCode(401);
            ack("operator", id, "{\"comment\":\"coolant checked\"}").statusCode(200)
                    .body("state", equalTo("acknowledged")).body("acknowledgedBy", equalTo("operator"))
                    .body("ackComment", equalTo("coolant checked"));
            ack("operator", id, null).statusCode(409).contentType(startsWith("application/problem+json"));
            ack("engineer", UUID.randomUUID().toString(), null).statusCode(404)
                    .contentType(startsWith("application/problem+json"));
            ack("operator", "nope", null).statusCode(400);
            ack("operator", id, "{\"colour\":\"red\"}").statusCode(400);
            alarms(scope, "active").body("items", hasSize(0));
            alarms(scope, "acknowledged").body("items", hasSize(1));

            feed(a, "spindle.temp", 90, 79);   // inside the band (78..80]: still open
            alarm(id).body("state", equalTo("acknowledged"));
            feed(a, "spindle.temp", 100, 77.5);
            alarm(id).body("state", equalTo("cleared")).body("clearValue", equalTo(77.5f))
                    .body("clearedAt", equalTo(T0.plusSeconds(100).toString()))
                    .body("acknowledgedBy", equalTo("operator"));
            ack("operator", id, null).statusCode(409);
            alarms(scope, "open").body("items", hasSize(0));
            alarms(scope, "cleared").body("items", hasSize(1));

            // one outbox row per transition, relayed to converge.kpi.events in order under the rule's key
            for (String transition : List.of("raised", "acknowledged", "cleared")) {
                var rec = kafka.await(r -> (rule + "/" + scope).equals(r.key())
                        && transition.equals(r.value().path("data").path("transition").asText()),
                        Duration.ofSeconds(20));
                assertEquals(KpiEventTypes.ALARM, rec.value().path("type").asText());
                assertEquals(id, rec.value().path("subject").asText());
                assertEquals(id, rec.value().path("data").path("alarmId").asText());
            }

            // the condition again: a new alarm, seq 2, newest first
            feed(a, "spindle.temp", 200, 90);
            feed(a, "spindle.temp", 260, 91);
            alarms(scope, "all").body("items", hasSize(2)).body("items[0].seq", equalTo(2))
                    .body("items[0].raiseValue", equalTo(91.0f)).body("items[1].id", equalTo(id));
            given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("scope", scope)
                    .queryParam("state", "all").queryParam("limit", 1).get(ALARMS).then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].seq", equalTo(2))
                    .body("nextCursor", equalTo(alarms(scope, "all").extract().path("items[0].id")));
        }
    }

    @Test
    void anOpenAlarmIsResumedAfterARestartAndNotRaisedTwice() {
        AssetInfo a = asset(null);
        String scope = "asset:" + a.tag();
        String rule = createRule(scope, "\"metric\":\"level\",\"operator\":\"<\",\"threshold\":10,"
                + "\"severity\":\"warning\"");
        feed(a, "level", 0, 5);
        String id = alarms(scope, "open").body("items", hasSize(1)).extract().path("items[0].id");
        // a restart loses the in-memory trackers: they come back from the open alarms in the database
        trackers.forget(UUID.fromString(rule));
        cache.refresh().await().atMost(Duration.ofSeconds(10));
        feed(a, "level", 10, 4);
        assertEquals(AlarmTracker.State.ACTIVE, trackers.state(UUID.fromString(rule), a.id()).orElseThrow());
        alarms(scope, "all").body("items", hasSize(1));
        feed(a, "level", 20, 12);
        alarm(id).body("state", equalTo("cleared"));
    }

    @Test
    void changingTheConditionOrDeletingTheRuleClearsItsOpenAlarms() {
        AssetInfo a = asset(null);
        String scope = "asset:" + a.tag();
        String condition = "\"metric\":\"vib\",\"operator\":\">=\",\"threshold\":5,\"severity\":\"info\"";
        String rule = createRule(scope, condition);
        feed(a, "vib", 0, 6);
        String first = alarms(scope, "open").body("items", hasSize(1)).extract().path("items[0].id");
        // severity and description only: the open alarm stays
        put(rule, scope, condition.replace("info", "warning") + ",\"description\":\"bearing\"", "\"1\"")
                .statusCode(200);
        alarm(first).body("state", equalTo("active"));
        put(rule, scope, condition.replace("5", "7"), "\"2\"").statusCode(200);
        alarm(first).body("state", equalTo("cleared")).body("clearedBy", equalTo("engineer"))
                .body("clearValue", nullValue());
        // disabled: not evaluated
        put(rule, scope, condition.replace("5", "7") + ",\"enabled\":false", "\"3\"").statusCode(200);
        feed(a, "vib", 5, 9);
        alarms(scope, "open").body("items", hasSize(0));
        assertEquals(Set.of(), metrics.metrics(a));
        put(rule, scope, condition.replace("5", "7"), "\"4\"").statusCode(200);
        feed(a, "vib", 10, 8);
        String second = alarms(scope, "open").body("items", hasSize(1)).body("items[0].seq", equalTo(2))
                .body("items[0].threshold", equalTo(7.0f)).extract().path("items[0].id");
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(RULES + "/" + rule).then()
                .statusCode(204);
        alarm(second).statusCode(200).body("state", equalTo("cleared")).body("clearedBy", equalTo("engineer"));
        feed(a, "vib", 20, 9);
        alarms(scope, "open").body("items", hasSize(0));
    }

    @Test
    void aRuleDeletedOnAnotherReplicaRaisesNothingHereBeforeTheReload() {
        AssetInfo a = asset(null);
        String scope = "asset:" + a.tag();
        String rule = createRule(scope, "\"metric\":\"flow\",\"operator\":\">\",\"threshold\":1,"
                + "\"severity\":\"info\"");
        // another replica deletes it: this replica's cache still holds the rule
        pool.preparedQuery("DELETE FROM alarm_rule WHERE id = $1").execute(Tuple.of(UUID.fromString(rule)))
                .await().atMost(Duration.ofSeconds(10));
        feed(a, "flow", 0, 2);
        alarms(scope, "all").body("items", hasSize(0));
        cache.refresh().await().atMost(Duration.ofSeconds(10));
        assertEquals(Set.of(), metrics.metrics(a));
    }

    @Test
    void lineMetricRulesGiveEachAssetOfTheLineItsOwnAlarm() {
        UUID line = UUID.randomUUID();
        AssetInfo a = asset(line);
        AssetInfo b = asset(line);
        createRule("line:" + line, "\"metric\":\"motor.temp\",\"operator\":\">\",\"threshold\":50,"
                + "\"severity\":\"critical\"");
        assertEquals(Set.of("motor.temp"), metrics.metrics(a));
        assertEquals(Set.of(), metrics.metrics(asset(UUID.randomUUID())));
        feed(a, "motor.temp", 0, 60);
        feed(b, "motor.temp", 0, 40);
        alarms("line:" + line, "open").body("items", hasSize(1));
        feed(b, "motor.temp", 5, 70);
        alarms("line:" + line, "open").body("items", hasSize(2));
        alarms("asset:" + b.tag(), "open").body("items", hasSize(1)).body("items[0].assetId",
                equalTo(b.id().toString())).body("items[0].lineId", equalTo(line.toString()))
                .body("items[0].scope", equalTo("line:" + line));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("scope", "line:" + line)
                .queryParam("severity", "info").get(ALARMS).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void badListParametersAre400() {
        for (String q : List.of("state=closed", "severity=fatal", "limit=0", "limit=501", "limit=x", "cursor=x",
                "scope=plant:1")) {
            given().header("Authorization", KeycloakTokens.bearer("viewer")).get(ALARMS + "?" + q).then()
                    .statusCode(400).contentType(startsWith("application/problem+json"));
        }
        alarm("not-a-uuid").statusCode(400);
        alarm(UUID.randomUUID().toString()).statusCode(404).contentType(startsWith("application/problem+json"));
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(ALARMS).then().statusCode(403);
        given().get(ALARMS).then().statusCode(401);
    }

    static ValidatableResponse put(String rule, String scope, String condition, String ifMatch) {
        return given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .header("If-Match", ifMatch).body("{\"scope\":\"" + scope + "\"," + condition + "}")
                .put(RULES + "/" + rule).then();
    }
}
