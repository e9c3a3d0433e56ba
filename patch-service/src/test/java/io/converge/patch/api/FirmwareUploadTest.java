package io.converge.patch.api;

import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.converge.patch.api.FirmwareFixtures.meta;
import static io.converge.patch.api.FirmwareFixtures.register;
import static io.converge.patch.api.FirmwareFixtures.storedFiles;
import static io.converge.patch.api.FirmwareFixtures.upload;
import static io.converge.patch.api.FirmwareFixtures.vendor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.Topics;
import io.converge.patch.api.FirmwareFixtures.Artifact;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uploads against real PostgreSQL, Kafka and Keycloak tokens: streamed, verified, and every refusal. */
@QuarkusTest
class FirmwareUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MB = 1024 * 1024;

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM), r.headers().toString());
        assertEquals(status, json(r).path("status").asInt());
    }

    @Test
    void ed25519UploadStreamsVerifiesAndLists() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact a = new Artifact(3 * MB + 12345, 1);
        // chunked: no Content-Length, the service counts while it streams
        HttpResponse<String> r = upload("engineer", meta(vendor, "2.1.0", "X1,X2", a.sha256(), a.signEd25519(k),
                keyId), a.stream(), null);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode f = json(r);
        assertEquals("verified", f.path("state").asText());
        assertEquals(a.sha256(), f.path("sha256").asText());
        assertEquals(a.size(), f.path("size").asLong());
        assertEquals(keyId, f.path("keyId").asText());
        assertEquals("engineer", f.path("createdBy").asText());
        assertEquals(List.of("X1", "X2"), List.of(f.path("compatibleModels").get(0).asText(),
                f.path("compatibleModels").get(1).asText()));
        assertTrue(f.path("storagePath").isMissingNode(), "the storage path stays inside the service");
        String id = f.path("id").asText();
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/firmware/" + id));
        assertTrue(storedFiles().stream().anyMatch(p -> p.getFileName().toString().equals(id + ".bin")));

        given().header("Authorization", KeycloakTokens.bearer("viewer")).get("/api/v1/firmware/" + id).then()
                .statusCode(200).header("ETag", "\"1\"").body("version", equalTo("2.1.0"))
                .body("artifactUrl", equalTo("/api/v1/firmware/" + id + "/artifact"))
                .body("releaseNotes", equalTo("Fixes CVE-2025-0001; faster boot"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("vendor", vendor)
                .queryParam("model", "X2").queryParam("state", "verified").get("/api/v1/firmware").then()
                .statusCode(200).body("items.id", contains(id));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("vendor", vendor)
                .queryParam("model", "X9").get("/api/v1/firmware").then().statusCode(200).body("items", hasSize(0));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("state", "released")
                .get("/api/v1/firmware").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(
                        hasItem(id)));
    }

    @Test
    void ecdsaP256WithContentLengthAndAnyVendorKey() throws Exception {
        String vendor = vendor();
        KeyPair other = FirmwareFixtures.ed25519();
        register(vendor, "ed25519", other);
        KeyPair k = FirmwareFixtures.ec("secp256r1");
        String keyId = register(vendor, "ecdsa-p256", k);
        Artifact a = new Artifact(2 * MB, 2);
        // no keyId: every active key of the vendor is tried; standard SHA256withECDSA over the artifact verifies
        HttpResponse<String> r = upload("admin", meta(vendor, "1.0.0+build.7", "PLC-300", a.sha256(),
                a.signEcdsa(k), null), a.stream(), a.size());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(keyId, json(r).path("keyId").asText());
        assertEquals("verified", json(r).path("state").asText());
    }

    @Test
    void badHashIs422WithASecurityEventAndLeavesNothing() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact a = new Artifact(MB, 3);
        Artifact tampered = new Artifact(MB, 4);
        List<Path> before = storedFiles();
        try (KafkaTopicReader security = new KafkaTopicReader(Topics.SECURITY_EVENTS)) {
            HttpResponse<String> r = upload("engineer", meta(vendor, "3.0.0", "X1", a.sha256(), a.signEd25519(k),
                    keyId), tampered.stream(), null);
            assertProblem(r, 422);
            assertEquals("sha256", json(r).path("errors").get(0).path("field").asText());
            JsonNode ev = security.await(rec -> rec.value().path("data").path("attributes").path("vendor").asText()
                    .equals(vendor), Duration.ofSeconds(20)).value();
            assertEquals("io.converge.security.finding", ev.path("type").asText());
            assertEquals("/converge/patch-service", ev.path("source").asText());
            JsonNode data = ev.path("data");
            assertEquals("firmware-integrity-failure", data.path("kind").asText());
            assertEquals("high", data.path("severity").asText());
            assertEquals("sha256-mismatch", data.path("attributes").path("reason").asText());
            assertEquals(a.sha256(), data.path("attributes").path("declaredSha256").asText());
            assertEquals(tampered.sha256(), data.path("attributes").path("computedSha256").asText());
            assertEquals("engineer", data.path("attributes").path("actor").asText());
        }
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("vendor", vendor)
                .get("/api/v1/firmware").then().statusCode(200).body("items", hasSize(0));
        assertEquals(before, storedFiles(), "the refused artifact was deleted");
    }

    @Test
    void badSignatureIs422WithASecurityEvent() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact a = new Artifact(MB, 5);
        String forged = new Artifact(MB, 6).signEd25519(k); // the vendor's key, another artifact
        List<Path> before = storedFiles();
        try (KafkaTopicReader security = new KafkaTopicReader(Topics.SECURITY_EVENTS)) {
            HttpResponse<String> r = upload("engineer", meta(vendor, "3.0.1", "X1", a.sha256(), forged, keyId),
                    a.stream(), null);
            assertProblem(r, 422);
            assertEquals("signature", json(r).path("errors").get(0).path("field").asText());
            JsonNode data = security.await(rec -> rec.value().path("data").path("attributes").path("vendor")
                    .asText().equals(vendor), Duration.ofSeconds(20)).value().path("data");
            assertEquals("signature-invalid", data.path("attributes").path("reason").asText());
            assertEquals(keyId, data.path("attributes").path("keyIds").asText());
        }
        // signed by another vendor's key: also invalid
        KeyPair stranger = FirmwareFixtures.ed25519();
        assertProblem(upload("engineer", meta(vendor, "3.0.1", "X1", a.sha256(), a.signEd25519(stranger), keyId),
                a.stream(), null), 422);
        assertEquals(before, storedFiles());
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("vendor", vendor)
                .get("/api/v1/firmware").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void unknownVendorKeyIs422() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        Artifact a = new Artifact(64 * 1024, 7);
        String sig = a.signEd25519(k);
        // the vendor has no key at all
        assertProblem(upload("engineer", meta(vendor, "1.0", "X1", a.sha256(), sig, null), a.stream(), null), 422);
        // a key id nobody registered
        assertProblem(upload("engineer", meta(vendor, "1.0", "X1", a.sha256(), sig, UUID.randomUUID().toString()),
                a.stream(), null), 422);
        // another vendor's key
        String othersKey = register(vendor(), "ed25519", k);
        assertProblem(upload("engineer", meta(vendor, "1.0", "X1", a.sha256(), sig, othersKey), a.stream(), null),
                422);
        // a revoked key
        String keyId = register(vendor, "ed25519", k);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete("/api/v1/firmware/vendor-keys/"
                + keyId).then().statusCode(204);
        HttpResponse<String> r = upload("engineer", meta(vendor, "1.0", "X1", a.sha256(), sig, keyId), a.stream(),
                null);
        assertProblem(r, 422);
        assertTrue(json(r).path("detail").asText().contains("revoked"), r.body());
    }

    @Test
    void oversizeIs413AndLeavesNoFile() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact big = new Artifact(6 * MB + 1, 8); // the test profile's limit is 6M
        List<Path> before = storedFiles();
        // declared: refused from the Content-Length before a byte is read
        assertProblem(upload("engineer", meta(vendor, "9.0", "X1", big.sha256(), big.signEd25519(k), keyId),
                big.stream(), big.size()), 413);
        // chunked: counted while streaming, the partial file deleted
        HttpResponse<String> r = upload("engineer", meta(vendor, "9.0", "X1", big.sha256(), big.signEd25519(k),
                keyId), big.stream(), null);
        assertProblem(r, 413);
        assertEquals(before, storedFiles(), "no partial file left");
        // exactly the limit is fine
        Artifact max = new Artifact(6 * MB, 9);
        assertEquals(201, upload("engineer", meta(vendor, "9.0", "X1", max.sha256(), max.signEd25519(k), keyId),
                max.stream(), null).statusCode());
    }

    @Test
    void duplicateVersionIs409() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact a = new Artifact(100_000, 10);
        Map<String, String> m = meta(vendor, "4.2", "X1", a.sha256(), a.signEd25519(k), keyId);
        assertEquals(201, upload("engineer", m, a.stream(), null).statusCode());
        List<Path> before = storedFiles();
        assertProblem(upload("engineer", m, a.stream(), null), 409);
        assertEquals(before, storedFiles());
    }

    @Test
    void badParametersAre400() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact a = new Artifact(1000, 11);
        String sha = a.sha256();
        String sig = a.signEd25519(k);
        HttpResponse<String> r = upload("engineer", meta(null, "1", null, "abc", "%%%", "nope"), a.stream(), null);
        assertProblem(r, 400);
        List<String> fields = JSON.convertValue(json(r).path("errors").findValues("field"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertEquals(List.of("vendor", "model", "sha256", "signature", "keyId"), fields);
        assertProblem(upload("engineer", meta(vendor, "1 0", "X1", sha, sig, keyId), a.stream(), null), 400);
        assertProblem(upload("engineer", meta(vendor, "1.0", "X1,,", sha, sig, keyId), a.stream(), null), 400);
        assertProblem(upload("engineer", meta(vendor, "1.0", "X1", sha, null, keyId), a.stream(), null), 400);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body("{}").queryParams(meta(vendor, "1.0", "X1", sha, sig, keyId)).post("/api/v1/firmware").then()
                .statusCode(415).contentType(org.hamcrest.Matchers.startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("state", "shiny")
                .get("/api/v1/firmware").then().statusCode(400).contentType(org.hamcrest.Matchers.startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("cursor", "zzz")
                .get("/api/v1/firmware").then().statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("limit", "0")
                .get("/api/v1/firmware").then().statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get("/api/v1/firmware/not-a-uuid").then()
                .statusCode(400).contentType(org.hamcrest.Matchers.startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get("/api/v1/firmware/" + UUID.randomUUID())
                .then().statusCode(404).contentType(org.hamcrest.Matchers.startsWith(PROBLEM));
    }

    @Test
    void onlyEngineersUpload() throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        Artifact a = new Artifact(1000, 12);
        Map<String, String> m = meta(vendor, "1.0", "X1", a.sha256(), a.signEd25519(k), keyId);
        assertProblem(upload(null, m, a.stream(), null), 401);
        assertProblem(upload("viewer", m, a.stream(), null), 403);
        assertProblem(upload("operator", m, a.stream(), null), 403);
        assertProblem(upload("approver", m, a.stream(), null), 403);
        given().get("/api/v1/firmware").then().statusCode(401).contentType(org.hamcrest.Matchers.startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get("/api/v1/firmware").then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + KeycloakTokens.client("converge-device")).get("/api/v1/firmware")
                .then().statusCode(200);
    }
}
