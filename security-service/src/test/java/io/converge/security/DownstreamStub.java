package io.converge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the parts of asset-service and patch-service security-service calls, so its tests run without them:
 * zones and conduits, reading an asset (ETag) and changing its status, a site's maintenance window, pausing a
 * campaign. Refuses calls without a bearer token (401: the client-credentials filter is on); answers 503 to the
 * writes while {@link #DOWN} is set. Records the writes it received.
 *
 * <p>Fixture: zone {@link #IT_ZONE} SL-T 1, zone {@link #CELL_ZONE} SL-T 3, zone {@link #DMZ} SL-T 2, one conduit
 * DMZ → cell. Site {@link #SITE_OPEN} has an open window, {@link #SITE_CLOSED} a closed one; other sites none (404).
 */
public class DownstreamStub implements QuarkusTestResourceLifecycleManager {

    public static final UUID IT_ZONE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    public static final UUID CELL_ZONE = UUID.fromString("00000000-0000-0000-0000-00000000a003");
    public static final UUID DMZ = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    public static final UUID SITE_OPEN = UUID.fromString("00000000-0000-0000-0000-0000000051e1");
    public static final UUID SITE_CLOSED = UUID.fromString("00000000-0000-0000-0000-0000000051e2");
    public static volatile boolean DOWN;
    /** "METHOD path body" of every write received. */
    public static final List<String> WRITES = new CopyOnWriteArrayList<>();
    /** Sites whose window was asked for. */
    public static final Set<String> WINDOW_CALLS = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.asset-registry.url", url, "quarkus.rest-client.patch-service.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(x, 401, Map.of("title", "Unauthorized"));
            return;
        }
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (method.equals("GET") && path.equals("/api/v1/zones")) {
            send(x, 200, Map.of("items", List.of(zone(IT_ZONE, "office", 1), zone(CELL_ZONE, "cell", 3),
                    zone(DMZ, "dmz", 2))));
        } else if (method.equals("GET") && path.equals("/api/v1/zones/conduits")) {
            send(x, 200, Map.of("items", List.of(Map.of("id", UUID.randomUUID(), "name", "dmz-cell",
                    "fromZoneId", DMZ, "toZoneId", CELL_ZONE))));
        } else if (method.equals("GET") && path.startsWith("/api/v1/campaigns/windows/")) {
            String site = path.substring(path.lastIndexOf('/') + 1);
            WINDOW_CALLS.add(site);
            Instant now = Instant.now();
            if (site.equals(SITE_OPEN.toString())) {
                send(x, 200, Map.of("siteId", site, "at", now.toString(), "open", true,
                        "closesAt", now.plusSeconds(3600).toString()));
            } else if (site.equals(SITE_CLOSED.toString())) {
                send(x, 200, Map.of("siteId", site, "at", now.toString(), "open", false,
                        "nextOpening", now.plusSeconds(3600).toString()));
            } else {
                send(x, 404, Map.of("title", "Not Found"));
            }
        } else if (method.equals("GET") && path.startsWith("/api/v1/assets/")) {
            if (DOWN) {
                send(x, 503, Map.of("title", "Service Unavailable"));
                return;
            }
            x.getResponseHeaders().add("ETag", "\"4\"");
            send(x, 200, Map.of("id", path.substring(path.lastIndexOf('/') + 1), "version", 4));
        } else if (method.equals("POST") && (path.endsWith("/status") || path.endsWith("/pause"))) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (DOWN) {
                send(x, 503, Map.of("title", "Service Unavailable"));
                return;
            }
            WRITES.add(method + " " + path + " " + x.getRequestHeaders().getFirst("If-Match") + " " + body);
            send(x, 200, Map.of("ok", true));
        } else {
            send(x, 404, Map.of("title", "Not Found"));
        }
    }

    private static Map<String, Object> zone(UUID id, String name, int slT) {
        return Map.of("id", id, "name", name, "slTarget", slT);
    }

    private static void send(HttpExchange x, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }
}
