package io.converge.asset.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Bulk import (CSV, JSON) and CSV export against real PostgreSQL and real Keycloak tokens. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetImportTest {

    private static final String IMPORT = "/api/v1/assets/import";
    private static final String EXPORT = "/api/v1/assets/export";
    private static final String CSV_UTF8 = "text/csv; charset=UTF-8";
    private static final String HEADER = String.join(",", AssetCsv.COLUMNS) + "\n";
    /** Unique per run: codes and names of the hierarchy and zones this class inserts. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SITE = "imp-" + RUN + "-site";
    static final String LINE = "imp-" + RUN + "-line";
    static final String ZONE = "imp-" + RUN + "-cell-zone";
    static final String ZONE2 = "imp-" + RUN + "-dmz";
    private static UUID lineId;
    private static UUID siteId;
    private static UUID zoneId;

    @Inject
    Pool pool;

    @BeforeEach
    void hierarchy() {
        if (lineId != null) {
            return;
        }
        UUID ent = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        UUID area = UUID.randomUUID();
        UUID line = UUID.randomUUID();
        String sql = "INSERT INTO hierarchy_node (id, level, code, name, parent_id, path, site_id, line_id)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        pool.withTransaction(c -> c.preparedQuery(sql).executeBatch(List.of(
                Tuple.from(java.util.Arrays.asList(ent, "enterprise", "imp-" + RUN + "-ent", "Import Corp", null,
                        new UUID[] {ent}, null, null)),
                Tuple.from(java.util.Arrays.asList(site, "site", SITE, "Import site", ent,
                        new UUID[] {ent, site}, site, null)),
                Tuple.from(java.util.Arrays.asList(area, "area", "imp-" + RUN + "-area", "Packaging", site,
                        new UUID[] {ent, site, area}, site, null)),
                Tuple.from(java.util.Arrays.asList(line, "line", LINE, "Filler line", area,
                        new UUID[] {ent, site, area, line}, site, line))))
                .flatMap(x -> c.preparedQuery("INSERT INTO security_zone (id, name, site_id, sl_target)"
                        + " VALUES ($1, $2, $3, 3), ($4, $5, $3, 2)")
                        .execute(Tuple.of(zoneId(), ZONE, site, UUID.randomUUID(), ZONE2))))
                .await().indefinitely();
        siteId = site;
        lineId = line;
    }

    private static UUID zoneId() {
        zoneId = UUID.randomUUID();
        return zoneId;
    }

    // ---- happy paths ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void csvImportCreatesThenReimportIsUnchangedThenOneRowUpdates() {
        String p = prefix("CSV");
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            rows.add(csvRow(p + i, "Filler PLC " + i, "OT", "plc", LINE, ZONE, "high", "V2.9." + i, "",
                    "line=filler;shift=a\\;b"));
        }
        rows.add(csvRow(p + "6", "\"Pumpe Süd\", Halle 3", "IT", "server", "", "", "low", "", "planned", ""));
        String csv = HEADER + String.join("", rows);
        importCsv("engineer", csv, false).then().statusCode(200).body("dryRun", is(false)).body("rows", is(6))
                .body("created", is(6)).body("updated", is(0)).body("unchanged", is(0));
        assertEquals(6, count(p));

        as("viewer").get("/api/v1/assets/by-tag/" + p + "1").then().statusCode(200)
                .body("nodeId", equalTo(lineId.toString())).body("siteId", equalTo(siteId.toString()))
                .body("lineId", equalTo(lineId.toString())).body("zoneId", equalTo(zoneId.toString()))
                .body("status", equalTo("active")).body("labels.line", equalTo("filler"))
                .body("labels.shift", equalTo("a;b")).body("version", is(1));
        as("viewer").get("/api/v1/assets/by-tag/" + p + "6").then().statusCode(200)
                .body("name", equalTo("\"Pumpe Süd\", Halle 3")).body("status", equalTo("planned"))
                .body("nodeId", equalTo(null));

        importCsv("engineer", csv, false).then().statusCode(200).body("created", is(0)).body("updated", is(0))
                .body("unchanged", is(6));

        rows.set(2, csvRow(p + "3", "Filler PLC 3 (renamed)", "OT", "plc", LINE, ZONE, "critical", "V3.0.0",
                "maintenance", "line=filler"));
        importCsv("admin", HEADER + String.join("", rows), false).then().statusCode(200).body("created", is(0))
                .body("updated", is(1)).body("unchanged", is(5));
        as("viewer").get("/api/v1/assets/by-tag/" + p + "3").then().statusCode(200)
                .body("name", equalTo("Filler PLC 3 (renamed)")).body("criticality", equalTo("critical"))
                .body("status", equalTo("maintenance")).body("version", is(2));
        String id = as("viewer").get("/api/v1/assets/by-tag/" + p + "3").jsonPath().getString("id");
        as("viewer").get("/api/v1/assets/" + id + "/audit").then().statusCode(200)
                .body("action", equalTo(List.of("updated", "created"))).body("[0].actorName", equalTo("admin"))
                .body("[0].before.firmwareVersion", equalTo("V2.9.3"))
                .body("[0].after.firmwareVersion", equalTo("V3.0.0"));
    }

    @Test
    @Order(2)
    void jsonImportWithIdsOrCodes() {
        String p = prefix("JSON");
        String body = "[" + String.join(",",
                json(p + "1", "\"nodeId\":\"" + lineId + "\",\"zoneId\":\"" + zoneId + "\""),
                json(p + "2", "\"location\":\"" + SITE + "\",\"zone\":\"" + ZONE2 + "\",\"labels\":{\"a\":\"1\"}"),
                json(p + "3", "\"status\":null,\"vendor\":\"\"")) + "]";
        importJson("engineer", body, false).then().statusCode(200).body("rows", is(3)).body("created", is(3));
        as("viewer").get("/api/v1/assets/by-tag/" + p + "2").then().statusCode(200)
                .body("nodeId", equalTo(siteId.toString())).body("labels.a", equalTo("1"));
        importJson("engineer", body, false).then().statusCode(200).body("unchanged", is(3)).body("created", is(0));
        String changed = body.replace("\"firmwareVersion\":\"V1.0\",\"tag\":\"" + p + "2\"",
                "\"firmwareVersion\":\"V1.1\",\"tag\":\"" + p + "2\"");
        importJson("engineer", changed, false).then().statusCode(200).body("updated", is(1))
                .body("unchanged", is(2));
        as("viewer").get("/api/v1/assets/by-tag/" + p + "2").then().body("firmwareVersion", equalTo("V1.1"));
    }

    @Test
    @Order(3)
    void dryRunValidatesAndWritesNothing() {
        String p = prefix("DRY");
        String csv = HEADER + csvRow(p + "1", "A", "OT", "hmi", LINE, "", "medium", "", "", "")
                + csvRow(p + "2", "B", "OT", "hmi", "", ZONE, "medium", "", "", "");
        importCsv("engineer", csv, true).then().statusCode(200).body("dryRun", is(true)).body("rows", is(2))
                .body("created", is(2));
        assertEquals(0, count(p));
        // a dry run reports the same errors as the real import
        importCsv("engineer", HEADER + csvRow(p + "3", "C", "OT", "hmi", "no-such-line", "", "medium", "", "",
                ""), true).then().statusCode(422).body("errors[0].field", equalTo("location"));
    }

    // ---- all or nothing ------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void oneBadRowAmongManyRejectsTheFile() {
        String p = prefix("BAD");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 200; i++) {
            String ip = i == 137 ? "10.0.0.300" : "10.1." + (i / 200) + "." + (i % 200);
            csv.append(csvRow(p + i, "Sensor " + i, "OT", "sensor", "", "", "low", "", "", "", ip));
        }
        long before = countAll();
        importCsv("engineer", csv.toString(), false).then().statusCode(422)
                .contentType("application/problem+json").body("status", is(422)).body("errorCount", is(1))
                .body("errors", hasSize(1)).body("errors[0].row", is(137))
                .body("errors[0].field", equalTo("ipAddress"))
                .body("errors[0].message", equalTo("must be an IPv4 or IPv6 address"));
        assertEquals(0, count(p));
        assertEquals(before, countAll());
    }

    @Test
    @Order(5)
    void rowErrorsNameRowAndField() {
        String p = prefix("ERR");
        String csv = HEADER
                + csvRow(p + "1", "ok", "OT", "plc", "", "", "high", "", "", "")
                + csvRow(p + "2", "", "OT", "router", "", "", "extreme", "V 1", "", "novalue")
                + csvRow(p + "1", "dup", "OT", "plc", "", "", "high", "", "", "")
                + csvRow(p + "4", "new but retired", "IT", "server", "", "", "low", "", "retired", "")
                + csvRow(p + "5", "new but quarantined", "IT", "server", "", "", "low", "", "quarantined", "")
                + "only,three,values\n";
        Response r = importCsv("engineer", csv, false);
        r.then().statusCode(422).body("errorCount", is(9)).body("errors", hasSize(9));
        List<Map<String, Object>> errors = r.jsonPath().getList("errors");
        assertTrue(errors.contains(Map.of("row", 2, "field", "name", "message", "must not be blank")), errors::toString);
        assertTrue(errors.contains(Map.of("row", 2, "field", "typeInDomain", "message",
                "type does not belong to the domain")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(2) && e.get("field").equals("criticality")
                && e.get("message").toString().startsWith("invalid value 'extreme'")), errors::toString);
        assertTrue(errors.contains(Map.of("row", 2, "field", "firmwareVersion", "message",
                "must not contain spaces")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(2) && e.get("field").equals("labels")),
                errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(3) && e.get("field").equals("tag")
                && e.get("message").toString().contains("already on row 1")), errors::toString);
        assertTrue(errors.contains(Map.of("row", 4, "field", "status", "message",
                "a new asset cannot be retired")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(5) && e.get("field").equals("status")),
                errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(6) && !e.containsKey("field")),
                errors::toString);
        assertEquals(0, count(p));
    }

    @Test
    @Order(5)
    void errorListIsCappedButCounted() {
        String p = prefix("CAP");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 1200; i++) {
            csv.append(csvRow(p + i, "Drive " + i, "OT", "drive", "", "", "urgent", "", "", ""));
        }
        importCsv("engineer", csv.toString(), false).then().statusCode(422).body("errorCount", is(1200))
                .body("errors", hasSize(1000)).body("errors[999].row", is(1000))
                .body("errors[999].field", equalTo("criticality"));
        assertEquals(0, count(p));
    }

    @Test
    @Order(6)
    void unknownLocationAndZoneAreRowErrors() {
        String p = prefix("REF");
        String csv = HEADER + csvRow(p + "1", "ok", "OT", "plc", LINE, ZONE, "high", "", "", "")
                + csvRow(p + "2", "x", "OT", "plc", "imp-nowhere", "", "high", "", "", "")
                + csvRow(p + "3", "y", "OT", "plc", "", "no-such-zone", "high", "", "", "");
        importCsv("engineer", csv, false).then().statusCode(422).body("errorCount", is(2))
                .body("errors[0].row", is(2)).body("errors[0].field", equalTo("location"))
                .body("errors[0].message", containsString("imp-nowhere"))
                .body("errors[1].row", is(3)).body("errors[1].field", equalTo("zone"));
        String body = "[" + json(p + "4", "\"nodeId\":\"" + UUID.randomUUID() + "\"") + "]";
        importJson("engineer", body, false).then().statusCode(422).body("errors[0].row", is(1))
                .body("errors[0].field", equalTo("nodeId"));
        assertEquals(0, count(p));
    }

    @Test
    @Order(7)
    void headerProblems() {
        importCsv("engineer", "tag,name,domain,type,criticality,colour\nA,b,OT,plc,low,red\n", false).then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("'colour'")).body("errors[0].field", equalTo("colour"));
        importCsv("engineer", "tag,domain,type\nA,OT,plc\n", false).then().statusCode(422)
                .body("errors.field", hasItem("criticality")).body("errors.field", hasItem("name"));
        importCsv("engineer", "", false).then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    @Order(8)
    void malformedBodiesAreRefusedAndWriteNothing() {
        String p = prefix("MAL");
        String csv = HEADER + csvRow(p + "1", "ok", "OT", "plc", "", "", "high", "", "", "")
                + p + "2,\"unterminated,OT,plc,,,,,,,,high,,,\n"
                + csvRow(p + "3", "ok", "OT", "plc", "", "", "high", "", "", "");
        importCsv("engineer", csv, false).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("malformed CSV"));
        importJson("engineer", "[" + json(p + "4", "\"vendor\":\"x\"") + ", {\"tag\": ", false).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("malformed JSON"));
        importJson("engineer", "{\"tag\":\"x\"}", false).then().statusCode(400)
                .contentType("application/problem+json");
        importJson("engineer", "[" + json(p + "5", "\"colour\":\"red\",\"labels\":[1]") + ", 42]", false).then()
                .statusCode(422).body("errors.field", hasItem("colour")).body("errors.field", hasItem("labels"))
                .body("errors.row", hasItem(2));
        assertEquals(0, count(p));
    }

    @Test
    @Order(9)
    void wrongContentTypeAndRoles() {
        as("engineer").contentType("text/plain").body("tag\nA\n").post(IMPORT).then().statusCode(415)
                .contentType("application/problem+json").body("status", is(415));
        as("engineer").contentType("application/xml").body("<a/>").post(IMPORT).then().statusCode(415);
        importCsv("viewer", HEADER, false).then().statusCode(403).contentType("application/problem+json");
        importCsv("nobody", HEADER, false).then().statusCode(403);
        RestAssured.given().contentType(CSV_UTF8).body(HEADER).post(IMPORT).then().statusCode(401);
        RestAssured.given().get(EXPORT).then().statusCode(401);
        as("nobody").get(EXPORT).then().statusCode(403);
        importCsv("engineer", HEADER, false).then().statusCode(200).body("rows", is(0));
        as("engineer").contentType(CSV_UTF8).body(HEADER).queryParam("dryRun", "maybe").post(IMPORT).then()
                .statusCode(400);
    }

    @Test
    @Order(10)
    void tooManyRowsIs413() {
        StringBuilder body = new StringBuilder("[{}");
        for (int i = 1; i <= 100_000; i++) {
            body.append(",{}");
        }
        importJson("engineer", body.append(']').toString(), false).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("100000"));
    }

    // ---- export ----------------------------------------------------------------------------------------------------

    @Test
    @Order(11)
    void exportReimportsUnchangedAndHonoursFilters() throws IOException {
        String p = prefix("EXP");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 30; i++) {
            boolean plc = i % 3 == 0;
            csv.append(csvRow(String.format("%s%02d", p, i), "Asset, \"" + i + "\"", plc ? "OT" : "IT",
                    plc ? "plc" : "workstation", i % 2 == 0 ? LINE : "", i % 5 == 0 ? ZONE2 : "", "medium",
                    "V" + i, i == 7 ? "maintenance" : "", "k=v" + i + ";eq=a\\=b", "192.168.7." + i));
        }
        importCsv("engineer", csv.toString(), false).then().statusCode(200).body("created", is(30));

        Response export = as("viewer").queryParam("q", p).get(EXPORT);
        export.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"assets.csv\"");
        String exported = export.asString();
        List<CSVRecord> records = parse(exported);
        assertEquals(30, records.size());
        assertEquals(p + "01", records.get(0).get("tag"));
        assertEquals(LINE, records.get(1).get("location"));
        assertEquals(ZONE2, records.get(4).get("zone"));
        assertEquals("192.168.7.5", records.get(4).get("ipAddress"));
        assertEquals("eq=a\\=b;k=v5", records.get(4).get("labels"));

        importCsv("engineer", exported, false).then().statusCode(200).body("rows", is(30)).body("unchanged", is(30))
                .body("created", is(0)).body("updated", is(0));

        List<CSVRecord> plcs = parse(as("viewer").queryParam("q", p).queryParam("type", "plc").get(EXPORT)
                .then().statusCode(200).extract().asString());
        assertEquals(10, plcs.size());
        assertTrue(plcs.stream().allMatch(r -> r.get("type").equals("plc")));
        assertEquals(15, parse(as("viewer").queryParam("q", p).queryParam("line", lineId.toString()).get(EXPORT)
                .asString()).size());
        assertEquals(0, parse(as("viewer").queryParam("q", p + "-none").get(EXPORT).asString()).size());
        as("viewer").queryParam("node", "not-a-uuid").get(EXPORT).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @Order(12)
    void exportPagesThroughMoreThanOnePage() throws IOException {
        String p = prefix("PAGE");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 2500; i++) {
            csv.append(csvRow(String.format("%s%05d", p, i), "Meter " + i, "OT", "meter", "", "", "low", "", "", ""));
        }
        importCsv("engineer", csv.toString(), false).then().statusCode(200).body("created", is(2500));
        List<CSVRecord> records = parse(as("viewer").queryParam("q", p).get(EXPORT).then().statusCode(200)
                .extract().asString());
        assertEquals(2500, records.size());
        assertEquals(p + "02499", records.get(2499).get("tag"));
    }

    // ---- scale -----------------------------------------------------------------------------------------------------

    @Test
    @Order(20)
    void imports100000RowsInOneGo() {
        String p = prefix("BIG");
        StringBuilder csv = new StringBuilder(HEADER.length() + 100_000 * 120);
        csv.append(HEADER);
        for (int i = 0; i < 100_000; i++) {
            csv.append(csvRow(String.format("%s%06d", p, i), "Sensor " + i, "OT", "sensor", i % 2 == 0 ? LINE : "",
                    i % 3 == 0 ? ZONE : "", "low", "V1." + (i % 10), "", "batch=" + (i % 7),
                    "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
        }
        long start = System.nanoTime();
        // the default test timeout (quarkus.http.test-timeout, 30 s) is for ordinary requests
        Response r = as("engineer").config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
                        .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 300_000)))
                .contentType(CSV_UTF8).body(csv.toString().getBytes(StandardCharsets.UTF_8)).post(IMPORT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        r.then().statusCode(200).body("rows", is(100_000)).body("created", is(100_000));
        System.out.printf("100,000-row CSV import (%d MB): %d ms end to end, %s ms in the service%n",
                csv.length() / (1024 * 1024), ms, r.jsonPath().getString("durationMs"));
        assertEquals(100_000, count(p));
        assertEquals(100_000, pool.preparedQuery("SELECT count(*) FROM audit_entry e JOIN asset a ON a.id = e.entity_id"
                + " WHERE a.tag LIKE $1 AND e.action = 'created'").execute(Tuple.of(p + "%")).await().indefinitely()
                .iterator().next().getLong(0));
        as("viewer").queryParam("q", p).queryParam("limit", 500).get("/api/v1/assets").then().statusCode(200)
                .body("items", hasSize(500));
        // the database is shared with the other test classes: leave no 100k assets and no 100k pending events behind
        pool.withTransaction(c -> c.preparedQuery("DELETE FROM outbox WHERE record_key IN"
                + " (SELECT id::text FROM asset WHERE tag LIKE $1)").execute(Tuple.of(p + "%"))
                .flatMap(x -> c.preparedQuery("DELETE FROM asset WHERE tag LIKE $1").execute(Tuple.of(p + "%"))))
                .await().indefinitely();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static String prefix(String what) {
        return "IMP-" + what + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().header("Authorization", KeycloakTokens.bearer(user))
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private static Response importCsv(String user, String csv, boolean dryRun) {
        return as(user).contentType(CSV_UTF8).body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun).post(IMPORT);
    }

    private static Response importJson(String user, String json, boolean dryRun) {
        return as(user).contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun).post(IMPORT);
    }

    /** A CSV line in AssetCsv.COLUMNS order, quoted by Commons CSV. */
    private static String csvRow(String tag, String name, String domain, String type, String location, String zone,
            String criticality, String firmware, String status, String labels) {
        return csvRow(tag, name, domain, type, location, zone, criticality, firmware, status, labels, "");
    }

    private static String csvRow(String tag, String name, String domain, String type, String location, String zone,
            String criticality, String firmware, String status, String labels, String ip) {
        StringBuilder sb = new StringBuilder();
        try (var printer = new org.apache.commons.csv.CSVPrinter(sb, CSVFormat.RFC4180.builder()
                .setRecordSeparator("\n").get())) {
            printer.printRecord(tag, name, domain, type, "Siemens", "", "", ip, "", location, zone, criticality,
                    firmware, status, labels);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    private static String json(String tag, String extra) {
        return "{\"domain\":\"OT\",\"type\":\"hmi\",\"name\":\"Panel " + tag + "\",\"criticality\":\"medium\","
                + "\"firmwareVersion\":\"V1.0\",\"tag\":\"" + tag + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertEquals(AssetCsv.COLUMNS, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    private long count(String tagPrefix) {
        return pool.preparedQuery("SELECT count(*) FROM asset WHERE tag LIKE $1").execute(Tuple.of(tagPrefix + "%"))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private long countAll() {
        return pool.query("SELECT count(*) FROM asset").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
