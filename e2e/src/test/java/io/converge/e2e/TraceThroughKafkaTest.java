package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.testing.Await;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
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

        // each service exports its spans on its own schedule: wait until all three parts have arrived
        AtomicReference<List<String>> missing = new AtomicReference<>(List.of("the trace"));
        try {
            Await.until("the whole trace in Zipkin", Duration.ofSeconds(90), () -> {
                Gateway.Answer t = Gateway.get(null, Gateway.zipkin() + "/api/v2/trace/" + trace);
                missing.set(t.status() == 200 && t.json() != null ? missing(t.json(), parent)
                        : List.of("the trace (Zipkin answered " + t.status() + ")"));
                return missing.get().isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError("trace " + trace + " lacks: " + missing.get(), e);
        }
    }

    /** What the trace lacks of: the request span under the client's, the relay's send, another service's receive. */
    private static List<String> missing(JsonNode spans, String parent) {
        boolean server = false;
        boolean producer = false;
        for (JsonNode s : spans) {
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
        Set<String> consumers = consumers(spans);
        consumers.remove("asset-service");
        List<String> out = new ArrayList<>();
        if (!server) {
            out.add("asset-service's request span as the child of the client's span");
        }
        if (!producer) {
            out.add("asset-service's send to converge.asset.events");
        }
        if (consumers.isEmpty()) {
            out.add("a consumer span of converge.asset.events in another service");
        }
        return out;
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
