package io.converge.asset.api;

import static io.converge.asset.api.AssetApi.as;
import static io.converge.asset.api.AssetApi.create;
import static io.converge.asset.api.AssetApi.plc;
import static io.converge.asset.api.AssetApi.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.events.Topics;
import io.converge.testing.KafkaTopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes reach the real Kafka topic as CloudEvents through the outbox. */
@QuarkusTest
class AssetEventsTest {

    @Inject
    Pool pool;

    @Test
    void createdFirmwareAndQuarantineEventsArePublished() {
        try (KafkaTopicReader reader = new KafkaTopicReader(Topics.ASSET_EVENTS)) {
            String tag = uniqueTag("EVT");
            String id = create(plc(tag)).jsonPath().getString("id");
            var created = reader.await(r -> id.equals(r.key())
                    && "io.converge.asset.created".equals(r.value().path("type").asText()), Duration.ofSeconds(20));
            assertEquals("1.0", created.value().path("specversion").asText());
            assertEquals(id, created.value().path("subject").asText());
            assertEquals(tag, created.value().path("data").path("tag").asText());
            assertEquals("engineer", created.value().path("data").path("actor").asText());

            Map<String, Object> body = plc(tag);
            body.put("firmwareVersion", "V4.0.0");
            as("engineer").header("If-Match", "\"1\"").body(body).put("/api/v1/assets/" + id).then().statusCode(200);
            var fw = reader.await(r -> id.equals(r.key())
                    && "io.converge.asset.firmware-changed".equals(r.value().path("type").asText()),
                    Duration.ofSeconds(20));
            assertEquals("V2.9.4", fw.value().path("data").path("previousFirmwareVersion").asText());
            assertEquals("V4.0.0", fw.value().path("data").path("firmwareVersion").asText());

            as("analyst").header("If-Match", "\"2\"").body(Map.of("status", "quarantined"))
                    .post("/api/v1/assets/" + id + "/status").then().statusCode(200);
            var q = reader.await(r -> id.equals(r.key())
                    && "io.converge.asset.quarantined".equals(r.value().path("type").asText()), Duration.ofSeconds(20));
            assertEquals("active", q.value().path("data").path("previousStatus").asText());
        }
    }

    @Test
    void failedWriteLeavesNoEventInTheOutbox() {
        String tag = uniqueTag("EVT");
        create(plc(tag)).then().statusCode(201);
        long before = outboxRowsFor(tag);
        create(plc(tag)).then().statusCode(409);
        assertEquals(before, outboxRowsFor(tag));
    }

    private long outboxRowsFor(String tag) {
        // relayed rows are deleted; count what was ever written for the tag via the audit trail instead
        return pool.preparedQuery("SELECT count(*) FROM audit_entry e JOIN asset a ON a.id = e.entity_id"
                + " WHERE a.tag = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(tag)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void outboxDrains() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            create(plc(uniqueTag("DRAIN"))).then().statusCode(201);
        }
        long left = -1;
        for (int i = 0; i < 50 && left != 0; i++) {
            left = pool.query("SELECT count(*) FROM outbox").execute().await().indefinitely().iterator().next()
                    .getLong(0);
            Thread.sleep(200);
        }
        assertEquals(0, left, "outbox rows still waiting: " + List.of(left));
    }
}
