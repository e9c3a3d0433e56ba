package io.converge.patch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for asset-service's {@code GET /api/v1/assets} so patch-service tests run without it: the fixture below,
 * filtered by site, line, type, zone, criticality, firmwareVersion, label and status like asset-service does, in
 * pages of {@code limit} (the cursor is an offset). Refuses calls without a bearer token (401), proving the
 * client-credentials filter is on; answers 503 while {@link #DOWN} is set.
 *
 * <p>Fixture: 50 assets PC-00…PC-49 on site {@link #SITE}, zone {@link #ZONE}, label fleet=a, firmware 1.0.0:
 * PC-00…19 on {@link #LINE_1}, PC-20…35 on {@link #LINE_2}, the rest on no line; model Y9 for every 10th
 * (PC-09, 19, 29, 39, 49), x2 for PC-x4, X1 otherwise; criticality low, medium, high, critical in turn; type plc,
 * hmi from PC-44; PC-48 is retired. Plus 3 assets on {@link #OTHER_SITE}.
 */
public class AssetRegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-0000000a5e01");
    public static final UUID OTHER_SITE = UUID.fromString("00000000-0000-0000-0000-0000000a5e02");
    public static final UUID LINE_1 = UUID.fromString("00000000-0000-0000-0000-00000000e101");
    public static final UUID LINE_2 = UUID.fromString("00000000-0000-0000-0000-00000000e102");
    public static final UUID ZONE = UUID.fromString("00000000-0000-0000-0000-0000000020e1");
    public static final List<Map<String, Object>> ASSETS = new ArrayList<>();
    /** While true, every call answers 503. */
    public static volatile boolean DOWN;
    /** Query strings received, newest last. */
    public static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    public static final AtomicInteger CALLS = new AtomicInteger();
    /** The next this many calls answer 503 (a transient failure the client's retry absorbs). */
    public static final AtomicInteger FAIL_NEXT = new AtomicInteger();
    /** Asset types the stub knows; another type is a 400, as asset-service answers an unknown enum value. */
    private static final List<String> TYPES = List.of("plc", "hmi", "drive", "sensor", "rtu");

    private static final String[] CRIT = {"low", "medium", "high", "critical"};

    static {
        for (int i = 0; i < 50; i++) {
            String model = i % 10 == 9 ? "Y9" : i % 10 == 4 ? "x2" : "X1";
            UUID line = i < 20 ? LINE_1 : i < 36 ? LINE_2 : null;
            add(i, String.format("PC-%02d", i), SITE, line, i >= 44 ? "hmi" : "plc", model, CRIT[i % 4],
                    i == 48 ? "retired" : "active");
        }
        for (int i = 0; i < 3; i++) {
            add(100 + i, "OTHER-" + i, OTHER_SITE, null, "plc", "X1", "low", "active");
        }
    }

    private static void add(int n, String tag, UUID site, UUID line, String type, String model, String crit,
            String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n)));
        m.put("tag", tag);
        m.put("name", tag);
        m.put("domain", "ot");
        m.put("type", type);
        m.put("vendor", "acme");
        m.put("model", model);
        m.put("siteId", site);
        m.put("lineId", line);
        m.put("zoneId", ZONE);
        m.put("criticality", crit);
        m.put("firmwareVersion", "1.0.0");
        m.put("status", status);
        m.put("labels", Map.of("fleet", "a"));
        m.put("version", 1);
        ASSETS.add(m);
    }

    public static UUID id(String tag) {
        return ASSETS.stream().filter(a -> a.get("tag").equals(tag)).map(a -> (UUID) a.get("id")).findFirst()
                .orElseThrow();
    }

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        ObjectMapper json = new ObjectMapper();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/assets", exchange -> {
            CALLS.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String query = exchange.getRequestURI().getRawQuery();
            QUERIES.add(query == null ? "" : query);
            if (DOWN || FAIL_NEXT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 503, "{\"status\":503}".getBytes(StandardCharsets.UTF_8));
            } else if (auth == null || !auth.startsWith("Bearer ")) {
                send(exchange, 401, "{\"status\":401}".getBytes(StandardCharsets.UTF_8));
            } else {
                Map<String, List<String>> q = parse(query);
                if (!TYPES.containsAll(q.getOrDefault("type", List.of()))) {
                    send(exchange, 400, "{\"status\":400,\"detail\":\"type: unknown value\"}"
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                List<Map<String, Object>> matching = ASSETS.stream().filter(a -> matches(a, q)).toList();
                int offset = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor").get(0)) : 0;
                int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit").get(0)) : 50;
                int end = Math.min(matching.size(), offset + limit);
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("items", matching.subList(Math.min(offset, end), end));
                page.put("nextCursor", end < matching.size() ? Integer.toString(end) : null);
                send(exchange, 200, json.writeValueAsBytes(page));
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.asset-registry.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "converge.campaigns.registry-page-size", "20");
    }

    private static boolean matches(Map<String, Object> a, Map<String, List<String>> q) {
        return one(q, "site", a.get("siteId")) && one(q, "line", a.get("lineId")) && one(q, "zone", a.get("zoneId"))
                && any(q, "type", a.get("type")) && any(q, "criticality", a.get("criticality"))
                && any(q, "status", a.get("status")) && one(q, "firmwareVersion", a.get("firmwareVersion"))
                && q.getOrDefault("label", List.of()).stream().allMatch(l -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> labels = (Map<String, String>) a.get("labels");
                    int i = l.indexOf(':');
                    return l.substring(i + 1).equals(labels.get(l.substring(0, i)));
                });
    }

    private static boolean one(Map<String, List<String>> q, String name, Object value) {
        return !q.containsKey(name) || (value != null && q.get(name).get(0).equals(value.toString()));
    }

    private static boolean any(Map<String, List<String>> q, String name, Object value) {
        return !q.containsKey(name) || q.get(name).stream().flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.equals(value));
    }

    private static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
