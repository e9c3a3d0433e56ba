package io.converge.asset.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.testing.KeycloakTokens;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Shared fixture of the bulk import and export tests: hierarchy rows, request helpers, CSV builders, counts. */
final class ImportFixture {

    static final String IMPORT = "/api/v1/assets/import";
    static final String EXPORT = "/api/v1/assets/export";
    static final String CSV_UTF8 = "text/csv; charset=UTF-8";
    static final String HEADER = String.join(",", AssetCsv.COLUMNS) + "\n";
    /** Unique per run: codes and names of the hierarchy and zones this class inserts. */
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SITE = "imp-" + RUN + "-site";
    static final String LINE = "imp-" + RUN + "-line";
    static final String ZONE = "imp-" + RUN + "-cell-zone";
    static final String ZONE2 = "imp-" + RUN + "-dmz";
    static UUID lineId;
    static UUID siteId;
    static UUID zoneId;

    private ImportFixture() {
    }

    /** Creates the hierarchy and zones the import tests refer to, once per test JVM. */
    static void ensureHierarchy(Pool pool) {
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

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static String prefix(String what) {
        return "IMP-" + what + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    static RequestSpecification as(String user) {
        return RestAssured.given().header("Authorization", KeycloakTokens.bearer(user))
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    static Response importCsv(String user, String csv, boolean dryRun) {
        return as(user).contentType(CSV_UTF8).body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun).post(IMPORT);
    }

    static Response importJson(String user, String json, boolean dryRun) {
        return as(user).contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun).post(IMPORT);
    }

    /** A CSV line in AssetCsv.COLUMNS order, quoted by Commons CSV. */
    static String csvRow(String tag, String name, String domain, String type, String location, String zone,
            String criticality, String firmware, String status, String labels) {
        return csvRow(tag, name, domain, type, location, zone, criticality, firmware, status, labels, "");
    }

    static String csvRow(String tag, String name, String domain, String type, String location, String zone,
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

    static String json(String tag, String extra) {
        return "{\"domain\":\"OT\",\"type\":\"hmi\",\"name\":\"Panel " + tag + "\",\"criticality\":\"medium\","
                + "\"firmwareVersion\":\"V1.0\",\"tag\":\"" + tag + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertEquals(AssetCsv.COLUMNS, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    static long count(Pool pool, String tagPrefix) {
        return pool.preparedQuery("SELECT count(*) FROM asset WHERE tag LIKE $1").execute(Tuple.of(tagPrefix + "%"))
                .await().indefinitely().iterator().next().getLong(0);
    }

    static long countAll(Pool pool) {
        return pool.query("SELECT count(*) FROM asset").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
