package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every service is reached through the gateway with the caller's token, and each validates it itself. */
class GatewayRoutesTest {

    /** A representative read of each service. */
    private static final List<String> READS = List.of("/api/v1/assets?limit=1", "/api/v1/sites", "/api/v1/zones",
            "/api/v1/kpis/alarms", "/api/v1/campaigns", "/api/v1/firmware", "/api/v1/security/alerts?limit=1",
            "/api/v1/security/rules");

    @Test
    void eachServiceAnswersThroughTheGatewayAndChecksTheToken() {
        for (String path : READS) {
            Gateway.Answer admin = Gateway.get("admin", path);
            assertEquals(200, admin.status(), path + ": " + admin.body());
            Gateway.Answer anonymous = Gateway.get(null, path);
            assertEquals(401, anonymous.status(), path);
            Gateway.Answer nobody = Gateway.get("nobody", path);
            assertEquals(403, nobody.status(), path + ": " + nobody.body());
            assertTrue(nobody.contentType().startsWith("application/problem+json"), path + ": " + nobody.contentType());
        }
        Gateway.Answer viewer = Gateway.call("viewer", "POST", "/api/v1/assets", Gateway.plc("E2E-VIEWER-DENIED"));
        assertEquals(403, viewer.status(), viewer.body());
    }

    @Test
    void theGatewayAnswersProblemsItselfAndTellsTheRequestId() {
        Gateway.Answer none = Gateway.get("admin", "/api/v1/no-such-service");
        assertEquals(404, none.status());
        assertTrue(none.contentType().startsWith("application/problem+json"), none.contentType());
        assertEquals(404, none.json().path("status").asInt());
        assertTrue(none.json().path("requestId").asText().matches("[0-9a-f]{32}"), none.body());
        Gateway.Answer health = Gateway.get(null, "/gateway/health");
        assertEquals("UP", health.json().path("status").asText());
    }
}
