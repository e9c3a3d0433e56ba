package io.converge.asset.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.converge.asset.api.ImportFixture.*;

/** CSV export (re-importable, filtered, paged) and the 100,000-row import. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetExportTest {

    @Inject
    Pool pool;

    @BeforeEach
    void hierarchy() {
        ImportFixture.ensureHierarchy(pool);
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

    private long count(String tagPrefix) {
        return ImportFixture.count(pool, tagPrefix);
    }

    private long countAll() {
        return ImportFixture.countAll(pool);
    }
}
