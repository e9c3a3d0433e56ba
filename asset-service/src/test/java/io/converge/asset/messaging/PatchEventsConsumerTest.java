package io.converge.asset.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.DeploymentEventData;
import io.converge.events.PatchEventTypes;
import io.converge.events.Topics;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KafkaTopicWriter;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * patch-service's deployment results on real Kafka: a succeeded deployment sets the asset's firmware (audited,
 * published as firmware-changed by patch-service); a redelivered event id is skipped; other types are ignored; an
 * unreadable record goes to the DLQ and the consumer goes on.
 */
@QuarkusTest
class PatchEventsConsumerTest {

    @Inject
    ObjectMapper json;

    @Test
    void aSucceededDeploymentSetsTheFirmwareOnce() throws Exception {
        String tag = "PATCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body(Map.of("tag", tag, "name", "Filler PLC", "domain", "OT", "type", "plc", "vendor", "Siemens",
                        "model", "S7-1516F", "criticality", "high", "firmwareVersion", "V2.9.4"))
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
        UUID asset = UUID.fromString(id);
        try (KafkaTopicWriter writer = new KafkaTopicWriter();
             KafkaTopicReader assetEvents = new KafkaTopicReader(Topics.ASSET_EVENTS);
             KafkaTopicReader dlq = new KafkaTopicReader(Topics.dlq(Topics.PATCH_EVENTS))) {
            writer.send(Topics.PATCH_EVENTS, id, "[\"not\", \"a CloudEvent\"]");
            writer.send(Topics.PATCH_EVENTS, id, write(event("io.converge.patch.deployment-offered", asset, "V3.0.1")));
            CloudEvent<DeploymentEventData> ok = event(PatchEventTypes.DEPLOYMENT_SUCCEEDED, asset, "V3.0.1");
            writer.send(Topics.PATCH_EVENTS, id, write(ok));

            var changed = assetEvents.await(r -> id.equals(r.key())
                    && "io.converge.asset.firmware-changed".equals(r.value().path("type").asText()),
                    Duration.ofSeconds(30));
            assertEquals("V3.0.1", changed.value().path("data").path("firmwareVersion").asText());
            assertEquals("V2.9.4", changed.value().path("data").path("previousFirmwareVersion").asText());
            assertEquals("patch-service", changed.value().path("data").path("actor").asText());
            assertEquals("V3.0.1", firmware(id));
            var dead = dlq.await(r -> id.equals(r.key()), Duration.ofSeconds(30));
            assertEquals(true, dead.value().isArray());

            // an engineer corrects it by hand; the same event redelivered must not undo that
            given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                    .header("If-Match", "\"2\"").body(Map.of("tag", tag, "name", "Filler PLC", "domain", "OT",
                            "type", "plc", "vendor", "Siemens", "model", "S7-1516F", "criticality", "high",
                            "firmwareVersion", "V3.0.2"))
                    .put("/api/v1/assets/" + id).then().statusCode(200);
            writer.send(Topics.PATCH_EVENTS, id, write(ok));
            CloudEvent<DeploymentEventData> next = event(PatchEventTypes.DEPLOYMENT_SUCCEEDED, asset, "V3.1.0");
            writer.send(Topics.PATCH_EVENTS, id, write(next));
            await(() -> "V3.1.0".equals(firmware(id)));
            assertEquals(4L, ((Number) given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .get("/api/v1/assets/" + id).then().extract().path("version")).longValue(),
                    "created, deployed, corrected, deployed: the redelivery changed nothing");
        }
    }

    static CloudEvent<DeploymentEventData> event(String type, UUID asset, String version) {
        return CloudEvent.of(PatchEventTypes.SOURCE, type, asset.toString(), new DeploymentEventData(UUID.randomUUID(),
                UUID.randomUUID(), asset, null, UUID.randomUUID(), "V2.9.4", version, "succeeded", false, null,
                Instant.now()));
    }

    private String write(Object o) throws Exception {
        return json.writeValueAsString(o);
    }

    private static String firmware(String id) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer")).get("/api/v1/assets/" + id).then()
                .statusCode(200).extract().path("firmwareVersion");
    }

    private static void await(Supplier<Boolean> condition) {
        io.converge.testing.Await.until("the consumer", Duration.ofSeconds(30), condition::get);
    }
}
