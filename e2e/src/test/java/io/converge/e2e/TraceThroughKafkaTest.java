package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.testing.Await;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One trace from a client through the gateway into asset-service, out through its outbox and Kafka, into the
 * consumers of converge.asset.events in the other services — read back from Zipkin's API.
 */
class TraceThroughKafkaTest {

    @Test
    void anAssetCreatedThroughTheGatewayIsOneTraceIntoTheConsumers() {
        SecureRandom random = new SecureRandom();
        String trace = HexFormat.of().formatHex(random.generateSeed(16));
        String parent = HexFormat.of().formatHex(random.generateSeed(8));
        String tag = "E2E-TRACE-" + UUID.randomUUID().toString().substring(0, 8);

        Gateway.Answer created = Gateway.call("engineer", "POST", "/api/v1/assets", Gateway.plc(tag),
                "traceparent", "00-" + trace + "-" + parent + "-01");
        assertEquals(201, created.status(), created.body());

        AtomicReference<JsonNode> spans = new AtomicReference<>();
        Await.until("the trace in Zipkin with a consumer span of another service", Duration.ofSeconds(90), () -> {
            Gateway.Answer t = Gateway.get(null, Gateway.zipkin() + "/api/v2/trace/" + trace);
            if (t.status() != 200 || t.json() == null) {
                return false;
            }
            spans.set(t.json());
            return consumers(t.json()).size() > 0;
        });
        JsonNode all = spans.get();
        boolean server = false;
        boolean producer = false;
        for (JsonNode s : all) {
            String service = s.path("localEndpoint").path("serviceName").asText();
            String kind = s.path("kind").asText();
            if (service.equals("asset-service") && kind.equals("SERVER") && s.path("parentId").asText().equals(parent)) {
                server = true;
            }
            if (service.equals("asset-service") && kind.equals("PRODUCER")
                    && s.path("name").asText().contains("converge.asset.events")) {
                producer = true;
            }
        }
        assertTrue(server, "asset-service's request span is the child of the client's span: " + all);
        assertTrue(producer, "the outbox relay's send to converge.asset.events is in the trace: " + all);
        assertTrue(consumers(all).stream().noneMatch("asset-service"::equals), all.toString());
    }

    /** The services with a CONSUMER span of converge.asset.events in the trace. */
    private static Set<String> consumers(JsonNode spans) {
        Set<String> out = new HashSet<>();
        for (JsonNode s : spans) {
            if (s.path("kind").asText().equals("CONSUMER") && s.path("name").asText().contains("converge.asset.events")) {
                out.add(s.path("localEndpoint").path("serviceName").asText());
            }
        }
        return out;
    }
}
