package io.converge.asset.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.converge.asset.api.ImportFixture.*;

/** Bulk import: CSV and JSON, validation of every row first, all-or-nothing writes. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetImportTest {

    @Inject
    Pool pool;

    @BeforeEach
    void hierarchy() {
        ImportFixture.ensureHierarchy(pool);
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

    private long count(String tagPrefix) {
        return ImportFixture.count(pool, tagPrefix);
    }

    private long countAll() {
        return ImportFixture.countAll(pool);
    }
}
