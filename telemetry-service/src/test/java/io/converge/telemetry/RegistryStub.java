package io.converge.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for asset-service's {@code GET /api/v1/assets} (two pages, cursor pagination) so that telemetry-service
 * tests run without it; refuses calls without a bearer token, proving the client-credentials filter is on. The
 * fixture assets are the constants below.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    public static final Map<String, Fixture> ASSETS = new LinkedHashMap<>();

    /** A registered asset of the fixture. */
    public record Fixture(UUID id, String tag, String status, Map<String, String> labels) {
    }

    static {
        add("00000000-0000-0000-0000-000000000001", "TEL-PLC-1", "active", Map.of());
        add("00000000-0000-0000-0000-000000000002", "TEL-SNS-1", "active", Map.of());
        add("00000000-0000-0000-0000-000000000003", "TEL-SNS-2", "active", Map.of());
        add("00000000-0000-0000-0000-000000000004", "TEL-QUAR-1", "quarantined", Map.of());
        add("00000000-0000-0000-0000-000000000005", "TEL-RET-1", "retired", Map.of());
        add("00000000-0000-0000-0000-000000000006", "TEL-MQTT-1", "active", Map.of());
        add("00000000-0000-0000-0000-000000000007", "TEL-SPB-DEV-1", "active", Map.of("sparkplug", "G1/EDGE1/DEV1"));
        add("00000000-0000-0000-0000-000000000008", "TEL-SPB-EDGE-1", "active", Map.of("sparkplug", "G1/EDGE1"));
        add("00000000-0000-0000-0000-000000000009", "TEL-QUERY-1", "active", Map.of());
        add("00000000-0000-0000-0000-000000000010", "TEL-STREAM-1", "active", Map.of());
        add("00000000-0000-0000-0000-000000000011", "TEL-EVT-1", "active", Map.of());
        add("00000000-0000-0000-0000-000000000012", "TEL-MQTT-2", "active", Map.of());
    }

    private HttpServer server;

    private static void add(String id, String tag, String status, Map<String, String> labels) {
        ASSETS.put(tag, new Fixture(UUID.fromString(id), tag, status, labels));
    }

    public static UUID id(String tag) {
        return ASSETS.get(tag).id();
    }

    @Override
    public Map<String, String> start() {
        ObjectMapper json = new ObjectMapper();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/assets", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body;
            int status;
            if (auth == null || !auth.startsWith("Bearer ")) {
                status = 401;
                body = "{\"status\":401}".getBytes(StandardCharsets.UTF_8);
            } else {
                String query = exchange.getRequestURI().getQuery();
                boolean second = query != null && query.contains("cursor=page2");
                List<Fixture> all = new ArrayList<>(ASSETS.values());
                int half = all.size() / 2;
                List<Map<String, Object>> items = new ArrayList<>();
                for (Fixture f : second ? all.subList(half, all.size()) : all.subList(0, half)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", f.id());
                    m.put("tag", f.tag());
                    m.put("name", f.tag());
                    m.put("siteId", SITE);
                    m.put("status", f.status());
                    m.put("labels", f.labels());
                    m.put("version", 1);
                    items.add(m);
                }
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("items", items);
                page.put("nextCursor", second ? null : "page2");
                status = 200;
                body = json.writeValueAsBytes(page);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.asset-registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
