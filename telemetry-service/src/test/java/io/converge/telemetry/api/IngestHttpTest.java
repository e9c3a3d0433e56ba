package io.converge.telemetry.api;

import static io.converge.telemetry.api.Fixture.device;
import static io.converge.telemetry.api.Fixture.point;
import static io.converge.telemetry.api.Fixture.post;
import static io.converge.telemetry.api.Fixture.rows;
import static io.converge.telemetry.api.Fixture.ts;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.events.Topics;
import io.converge.telemetry.HealthTest;
import io.converge.telemetry.RegistryStub;
import io.converge.testing.KafkaTopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP ingest against real PostgreSQL, Kafka and Keycloak tokens: counts, idempotency, registry checks, events. */
@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
class IngestHttpTest {

    private static final String JSON = "application/json";

    @Inject
    Pool pool;

    @BeforeEach
    void ready() {
        HealthTest.awaitReady();
    }

    @Test
    void acceptsABatchAndCountsDuplicatesOnRetry() {
        UUID id = RegistryStub.id("TEL-PLC-1");
        long before = rows(pool, id);
        Instant t = ts();
        String body = "[" + point("TEL-PLC-1", "temperature", t, 21.5) + "," + point("TEL-PLC-1", "pressure", t, 3)
                + "," + point("TEL-PLC-1", "running", t, true) + "," + point("TEL-PLC-1", "mode", t, "auto") + "]";
        post(device(), JSON, body).statusCode(200).body("accepted", equalTo(4)).body("duplicates", equalTo(0))
                .body("rejected", equalTo(0));
        assertEquals(before + 4, rows(pool, id));
        // a retried batch (lost answer) stores nothing twice
        post(device(), JSON, body).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(4));
        assertEquals(before + 4, rows(pool, id));
        var row = pool.preparedQuery("SELECT value, state, quality FROM point WHERE asset_id = $1 AND metric = $2"
                + " AND ts = $3").execute(Tuple.of(id, "running", t.atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely().iterator().next();
        assertEquals("true", row.getString("state"));
        assertEquals(null, row.getDouble("value"));
        assertEquals((short) 0, row.getShort("quality"));
    }

    @Test
    void duplicatesInsideOneBatchAreCountedNotStoredTwice() {
        Instant t = ts();
        String p = point("TEL-PLC-1", "speed", t, 1200);
        post(device(), JSON, "[" + p + "," + p + "]").statusCode(200).body("accepted", equalTo(1))
                .body("duplicates", equalTo(1));
    }

    @Test
    void theMessageIdTakesPartInIdempotency() {
        Instant t = ts();
        String a = "{\"asset\":\"TEL-PLC-1\",\"metric\":\"count\",\"ts\":\"" + t + "\",\"value\":1,\"messageId\":\"a\"}";
        String b = "{\"asset\":\"TEL-PLC-1\",\"metric\":\"count\",\"ts\":\"" + t + "\",\"value\":2,\"messageId\":\"b\"}";
        post(device(), JSON, "[" + a + "," + b + "]").statusCode(200).body("accepted", equalTo(2));
        post(device(), JSON, "[" + b + "]").statusCode(200).body("duplicates", equalTo(1));
    }

    @Test
    void eachRefusedPointIsReportedAtItsIndexAndTheOthersAreStored() {
        Instant t = ts();
        UUID id = RegistryStub.id("TEL-SNS-1");
        long before = rows(pool, id);
        String body = "[" + point("TEL-SNS-1", "ok", t, 1)
                + "," + point("TEL-SNS-1", "bad metric", t, 1)
                + "," + point("TEL-SNS-1", "far", Instant.now().plus(Duration.ofMinutes(10)), 1)
                + "," + point("TEL-SNS-1", "old", Instant.now().minus(Duration.ofDays(31)), 1)
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"nan\",\"ts\":\"" + t + "\",\"value\":NaN}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"inf\",\"ts\":\"" + t + "\",\"value\":1e999}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"novalue\",\"ts\":\"" + t + "\"}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"nots\",\"value\":1}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"badts\",\"ts\":\"yesterday\",\"value\":1}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"q\",\"ts\":\"" + t + "\",\"value\":1,\"quality\":\"great\"}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"extra\",\"ts\":\"" + t + "\",\"value\":1,\"color\":\"red\"}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"obj\",\"ts\":\"" + t + "\",\"value\":{\"a\":1}}"
                + ",{\"asset\":\"TEL-SNS-1\",\"metric\":\"long\",\"ts\":\"" + t + "\",\"value\":\"" + "x".repeat(300)
                + "\"},{\"asset\":\"TEL-SNS-1\",\"metric\":\"nul\",\"ts\":\"" + t + "\",\"value\":\"a\\u0000b\"}"
                + ",42,{\"metric\":\"noasset\",\"ts\":\"" + t + "\",\"value\":1}"
                + "," + point("TEL-SNS-1", "ok2", t, 2) + "]";
        post(device(), JSON, body).statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(15))
                .body("errors.index", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))
                .body("errors.reason", contains("invalid-metric", "timestamp-in-future", "timestamp-too-old",
                        "value-not-finite", "value-not-finite", "missing-value", "missing-timestamp",
                        "invalid-timestamp", "invalid-quality", "malformed-point", "malformed-point", "text-too-long",
                        "invalid-text", "malformed-point", "malformed-point"));
        assertEquals(before + 2, rows(pool, id));
    }

    @Test
    void epochMillisecondsAreAcceptedAsTimestamps() {
        long ms = ts().toEpochMilli();
        post(device(), JSON, "[{\"asset\":\"TEL-SNS-1\",\"metric\":\"epoch\",\"ts\":" + ms + ",\"value\":5}]")
                .statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void ndjsonIsIngestedLineByLineAndABrokenLineIsRejectedAlone() {
        Instant t = ts();
        String body = point("TEL-SNS-2", "a", t, 1) + "\n{not json\n\n" + point("TEL-SNS-2", "b", t, 2) + "\n";
        post(device(), IngestResource.NDJSON, body).statusCode(200).body("accepted", equalTo(2))
                .body("rejected", equalTo(1)).body("errors[0].index", equalTo(1))
                .body("errors[0].reason", equalTo("malformed-point"));
    }

    @Test
    void unknownQuarantinedAndRetiredAssetsAreRefusedAndReportedAsSecurityEvents() {
        String tag = "ROGUE-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaTopicReader security = new KafkaTopicReader(Topics.SECURITY_EVENTS)) {
            Instant t = ts();
            post(device(), JSON, "[" + point(tag, "x", t, 1) + "," + point("TEL-QUAR-1", "x", t, 1) + ","
                    + point("TEL-RET-1", "x", t, 1) + "]").statusCode(200).body("accepted", equalTo(0))
                    .body("errors.reason", contains("unknown-asset", "quarantined-asset", "retired-asset"));
            var unknown = security.await(r -> tag.equals(r.value().path("data").path("assetTag").asText()),
                    Duration.ofSeconds(20));
            assertEquals("io.converge.security.finding", unknown.value().path("type").asText());
            assertEquals("unknown-device", unknown.value().path("data").path("kind").asText());
            assertEquals("http", unknown.value().path("data").path("channel").asText());
            assertEquals(1, unknown.value().path("data").path("count").asInt());
            var quarantined = security.await(r -> "telemetry-from-quarantined-asset"
                    .equals(r.value().path("data").path("kind").asText()), Duration.ofSeconds(20));
            assertEquals(RegistryStub.id("TEL-QUAR-1").toString(), quarantined.key());
        }
        assertEquals(0, rows(pool, RegistryStub.id("TEL-QUAR-1")));
    }

    @Test
    void acceptedPointsArePublishedOnceKeyedByAsset() {
        UUID id = RegistryStub.id("TEL-EVT-1");
        Instant t = ts();
        try (KafkaTopicReader points = new KafkaTopicReader(Topics.TELEMETRY_POINTS)) {
            post(device(), JSON, "[" + point("TEL-EVT-1", "flow", t, 7.25) + "," + point("TEL-EVT-1", "flow",
                    t.plusMillis(1), 7.5) + "]").statusCode(200).body("accepted", equalTo(2));
            var rec = points.await(r -> id.toString().equals(r.key()), Duration.ofSeconds(20));
            assertEquals("io.converge.telemetry.points", rec.value().path("type").asText());
            assertEquals(id.toString(), rec.value().path("subject").asText());
            assertEquals("TEL-EVT-1", rec.value().path("data").path("assetTag").asText());
            assertEquals(2, rec.value().path("data").path("points").size());
            assertEquals(7.25, rec.value().path("data").path("points").get(0).path("value").asDouble());
            // the same points again: duplicates, nothing published
            post(device(), JSON, "[" + point("TEL-EVT-1", "flow", t, 7.25) + "]").statusCode(200)
                    .body("duplicates", equalTo(1));
            assertEquals(0, points.drain(Duration.ofSeconds(3)).stream().filter(r -> id.toString().equals(r.key()))
                    .count());
        }
    }
}
