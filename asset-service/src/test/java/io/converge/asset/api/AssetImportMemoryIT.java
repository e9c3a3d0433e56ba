package io.converge.asset.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.converge.testing.Await;
import io.converge.testing.KeycloakTokens;
import io.converge.testing.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The documented import size against the packaged service with the heap {@code ./converge up} gives it
 * ({@code -Xmx256m}): 100,000 rows as JSON (creates) and again as CSV (updates) must succeed, an import too large to
 * hold must be refused with a 413 and leave the service healthy, and the outbox must drain afterwards. Database
 * {@code asset_e2e}, emptied first; the events go to a topic of the run's own (deleted after it, and any left by an
 * earlier run before), so that the 200,000 events stay out of converge.asset.events.
 * {@code -XX:+ExitOnOutOfMemoryError} turns a regression into a dead service instead of one that lives on broken.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetImportMemoryIT {

    private static final int ROWS = 100_000;
    private static final String DB = "asset_e2e";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String TOPIC_PREFIX = "converge.asset.events.import-it-";
    private static final String TOPIC = TOPIC_PREFIX + RUN;
    private static final String LINE = "mem-it-line";
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static final RestAssuredConfig LONG = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 600_000));
    private static ServiceProcess asset;

    @BeforeAll
    static void start() throws Exception {
        empty();
        topics(true);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        env.put("QUARKUS_LOG_FILE_ENABLE", "false");
        env.put("CONVERGE_DB_NAME", DB);
        env.put("CONVERGE_KAFKA_GROUP", "asset-import-it-" + RUN);
        env.put("MP_MESSAGING_OUTGOING_ASSET_EVENTS_TOPIC", TOPIC);
        asset = ServiceProcess.start("asset-service-import", Path.of("target", "quarkus-app", "quarkus-run.jar"), env,
                List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), LOGS).awaitReady(Duration.ofSeconds(120));
        String enterprise = node("enterprise", "mem-it-ent", null);
        String site = node("site", "mem-it-site", enterprise);
        node("line", LINE, node("area", "mem-it-area", site));
    }

    @AfterAll
    static void stop() throws Exception {
        if (asset != null) {
            asset.close();
        }
        topics(false);
    }

    @Test
    @Order(1)
    void hundredThousandJsonRowsCreate() {
        StringBuilder json = new StringBuilder(ROWS * 260).append('[');
        for (int i = 1; i <= ROWS; i++) {
            json.append(i > 1 ? "," : "").append(String.format("{\"tag\":\"BENCH-PATCH-D%06d\","
                    + "\"name\":\"Bench PLC %d\",\"domain\":\"OT\",\"type\":\"plc\",\"vendor\":\"Converge\","
                    + "\"model\":\"BP-100\",\"location\":\"%s\",\"criticality\":\"low\",\"firmwareVersion\":\"1.0.0\","
                    + "\"status\":\"active\",\"labels\":{\"purpose\":\"bench-patch\"}}", i, i, LINE));
        }
        Response r = post("application/json", json.append(']').toString());
        r.then().statusCode(200).body("rows", is(ROWS)).body("created", is(ROWS)).body("updated", is(0));
        System.out.printf("100,000-row JSON import at -Xmx256m: %d ms in the service%n",
                r.jsonPath().getLong("durationMs"));
        assertEquals(ROWS, count("SELECT count(*) FROM asset WHERE tag LIKE 'BENCH-PATCH-D%'"));
        assertHealthy();
    }

    @Test
    @Order(2)
    void hundredThousandCsvRowsUpdate() {
        StringBuilder csv = new StringBuilder(ROWS * 100).append(String.join(",", AssetCsv.COLUMNS)).append('\n');
        for (int i = 1; i <= ROWS; i++) {
            csv.append(String.format("BENCH-PATCH-D%06d,Bench PLC %d (moved),OT,plc,Converge,BP-100,,,,%s,,low,1.0.0,"
                    + "active,purpose=bench-patch\n", i, i, LINE));
        }
        Response r = post("text/csv; charset=UTF-8", csv.toString());
        r.then().statusCode(200).body("rows", is(ROWS)).body("created", is(0)).body("updated", is(ROWS));
        System.out.printf("100,000-row CSV import (updates) at -Xmx256m: %d ms in the service%n",
                r.jsonPath().getLong("durationMs"));
        assertEquals(ROWS, count("SELECT count(*) FROM asset WHERE name LIKE 'Bench PLC % (moved)' AND version = 2"));
        assertEquals(2L * ROWS, count("SELECT count(*) FROM audit_entry WHERE entity_type = 'asset'"));
        assertHealthy();
    }

    @Test
    @Order(3)
    void anImportTooLargeToHoldIs413AndWritesNothing() {
        // 50 distinct labels a row: far more heap a row than the body suggests, so the budget refuses it mid-file
        StringBuilder json = new StringBuilder(30_000 * 1100).append('[');
        for (int i = 1; i <= 30_000; i++) {
            json.append(i > 1 ? "," : "").append("{\"tag\":\"FAT-").append(i).append("\",\"name\":\"Fat ").append(i)
                    .append("\",\"domain\":\"OT\",\"type\":\"plc\",\"criticality\":\"low\",\"labels\":{");
            for (int j = 0; j < 50; j++) {
                json.append(j > 0 ? "," : "").append("\"k").append(j).append("\":\"v").append(i).append('-')
                        .append(j).append('"');
            }
            json.append("}}");
        }
        post("application/json", json.append(']').toString()).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("split it"));
        assertEquals(0, count("SELECT count(*) FROM asset WHERE tag LIKE 'FAT-%'"));
        assertHealthy();
    }

    @Test
    @Order(4)
    void theOutboxDrainsAndTheServiceStaysHealthy() throws IOException {
        Await.until("the outbox relays the imports' 200,000 events", Duration.ofMinutes(4),
                () -> count("SELECT count(*) FROM outbox") == 0);
        assertHealthy();
        assertFalse(Files.readString(asset.log()).contains("OutOfMemoryError"), () -> asset.tail(40));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static RequestSpecification as(String user) {
        return given().port(asset.port()).header("Authorization", KeycloakTokens.bearer(user));
    }

    private static Response post(String contentType, String body) {
        return as("engineer").config(LONG).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/assets/import");
    }

    private static String node(String level, String code, String parent) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("level", level);
        b.put("code", code);
        b.put("name", code);
        if (parent != null) {
            b.put("parentId", parent);
        }
        return as("engineer").contentType("application/json").body(b).post("/api/v1/sites").then().statusCode(201)
                .extract().path("id");
    }

    private static void assertHealthy() {
        given().port(asset.port()).get("/q/health/ready").then().statusCode(200);
        as("viewer").get("/api/v1/assets?limit=1").then().statusCode(200);
    }

    private static long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "converge", "converge");
    }

    /** Drop-and-create, test database only: every run starts from an empty registry. */
    private static void empty() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    /** Deletes this run's topic and any an earlier run left; creates this run's when asked (no auto-creation). */
    private static void topics(boolean create) throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                "localhost:9092"));
        try (Admin admin = Admin.create(p)) {
            Set<String> old = admin.listTopics().names().get().stream().filter(t -> t.startsWith(TOPIC_PREFIX))
                    .collect(Collectors.toSet());
            if (!old.isEmpty()) {
                admin.deleteTopics(old).all().get();
            }
            if (create) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot manage the test topic " + TOPIC, e);
        }
    }
}
