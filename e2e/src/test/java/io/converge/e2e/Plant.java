package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A test's own plant in asset-service, through the gateway as the engineer: enterprise → site → area → line with
 * codes unique to the run, and assets registered on the line. No demo data is used.
 */
final class Plant {

    final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    final String siteId;
    final String areaId;
    final String lineId;

    /** {@code prefix} names the test (e.g. "OEE"): node codes are {@code E2E-<prefix>-<run>-…}. */
    Plant(String prefix) {
        String code = "E2E-" + prefix + "-" + run;
        String enterprise = node("enterprise", code, null);
        siteId = node("site", code + "-S", enterprise);
        areaId = node("area", code + "-A", siteId);
        lineId = node("line", code + "-L", areaId);
    }

    private static String node(String level, String code, String parent) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("level", level);
        b.put("code", code);
        b.put("name", code);
        if (parent != null) {
            b.put("parentId", parent);
        }
        Gateway.Answer a = Gateway.call("engineer", "POST", "/api/v1/sites", b);
        assertEquals(201, a.status(), a.body());
        return a.json().path("id").asText();
    }

    /** Registers an OT asset on {@code nodeId}; its id. */
    String asset(String tag, String type, String model, String firmware, String criticality, String nodeId) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("tag", tag);
        b.put("name", "E2E " + type + " " + tag);
        b.put("domain", "OT");
        b.put("type", type);
        b.put("vendor", "e2e");
        b.put("model", model);
        b.put("nodeId", nodeId);
        b.put("criticality", criticality);
        b.put("firmwareVersion", firmware);
        b.put("labels", Map.of("purpose", "e2e", "e2e-run", run));
        Gateway.Answer a = Gateway.call("engineer", "POST", "/api/v1/assets", b);
        assertEquals(201, a.status(), a.body());
        return a.json().path("id").asText();
    }
}
