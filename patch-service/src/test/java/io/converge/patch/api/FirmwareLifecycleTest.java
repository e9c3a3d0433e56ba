package io.converge.patch.api;

import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.converge.patch.api.FirmwareFixtures.meta;
import static io.converge.patch.api.FirmwareFixtures.register;
import static io.converge.patch.api.FirmwareFixtures.upload;
import static io.converge.patch.api.FirmwareFixtures.vendor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.Topics;
import io.converge.patch.api.FirmwareFixtures.Artifact;
import io.converge.patch.domain.FirmwareRevoked;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Release, revoke and download against real PostgreSQL, Kafka and Keycloak tokens. */
@QuarkusTest
class FirmwareLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/firmware/";

    /** Stands in for the campaigns that will stop on a revocation. */
    @ApplicationScoped
    static class RevocationObserver {
        static final Map<String, FirmwareRevoked> SEEN = new ConcurrentHashMap<>();

        void on(@ObservesAsync FirmwareRevoked e) {
            SEEN.put(e.firmwareId().toString(), e);
        }
    }

    private static String uploaded(Artifact a) throws Exception {
        String vendor = vendor();
        KeyPair k = FirmwareFixtures.ed25519();
        String keyId = register(vendor, "ed25519", k);
        HttpResponse<String> r = upload("engineer", meta(vendor, "5.0.0", "X1", a.sha256(), a.signEd25519(k),
                keyId), a.stream(), null);
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static ValidatableResponse act(String user, String id, String action, String body, String ifMatch) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user));
        if (body != null) {
            req = req.contentType("application/json").body(body);
        }
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.post(PATH + id + "/" + action).then();
    }

    @Test
    void releaseThenRevokeWithEvents() throws Exception {
        String id = uploaded(new Artifact(200_000, 21));
        try (KafkaTopicReader patch = new KafkaTopicReader(Topics.PATCH_EVENTS)) {
            act("engineer", id, "release", null, "\"7\"").statusCode(412).contentType(startsWith(PROBLEM));
            act("viewer", id, "release", null, null).statusCode(403).contentType(startsWith(PROBLEM));
            act("engineer", id, "release", null, "\"1\"").statusCode(200).header("ETag", "\"2\"")
                    .body("state", equalTo("released")).body("releasedBy", equalTo("engineer"))
                    .body("releasedAt", notNullValue());
            JsonNode released = patch.await(r -> r.key().equals(id) && r.value().path("type").asText()
                    .endsWith("released"), Duration.ofSeconds(20)).value();
            assertEquals("io.converge.patch.firmware-released", released.path("type").asText());
            assertEquals(id, released.path("subject").asText());
            assertEquals("released", released.path("data").path("state").asText());
            assertEquals("verified", released.path("data").path("previousState").asText());
            assertEquals("engineer", released.path("data").path("actor").asText());

            act("engineer", id, "release", null, null).statusCode(409).contentType(startsWith(PROBLEM));
            act("admin", id, "revoke", "{\"reason\":\"bricks X1 rev B\"}", null).statusCode(200)
                    .body("state", equalTo("revoked")).body("revokedBy", equalTo("admin"))
                    .body("revokeReason", equalTo("bricks X1 rev B"));
            JsonNode revoked = patch.await(r -> r.key().equals(id) && r.value().path("type").asText()
                    .endsWith("revoked"), Duration.ofSeconds(20)).value();
            assertEquals("io.converge.patch.firmware-revoked", revoked.path("type").asText());
            assertEquals("released", revoked.path("data").path("previousState").asText());
            assertEquals("bricks X1 rev B", revoked.path("data").path("reason").asText());
        }
        act("engineer", id, "revoke", null, null).statusCode(409);
        act("engineer", id, "release", null, null).statusCode(409);
        long deadline = System.currentTimeMillis() + 5000;
        while (!RevocationObserver.SEEN.containsKey(id) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("admin", RevocationObserver.SEEN.get(id).actor());
        // a revoked artifact is no longer served
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + id + "/artifact").then()
                .statusCode(410).contentType(startsWith(PROBLEM));
    }

    @Test
    void verifiedFirmwareMayBeRevokedDirectly() throws Exception {
        String id = uploaded(new Artifact(10_000, 22));
        act("engineer", id, "revoke", null, null).statusCode(200).body("state", equalTo("revoked"));
        act("engineer", id, "release", null, null).statusCode(409);
    }

    @Test
    void badTransitionRequestsAre400Or404() throws Exception {
        String id = uploaded(new Artifact(10_000, 23));
        act("engineer", id, "revoke", "{\"reason\":", null).statusCode(400).contentType(startsWith(PROBLEM));
        act("engineer", id, "revoke", "{\"why\":\"x\"}", null).statusCode(400).contentType(startsWith(PROBLEM));
        act("engineer", id, "revoke", "{\"reason\":\"" + "x".repeat(2001) + "\"}", null).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        act("engineer", id, "release", null, "W/\"1\"").statusCode(400);
        act("engineer", java.util.UUID.randomUUID().toString(), "release", null, null).statusCode(404)
                .contentType(startsWith(PROBLEM));
        act("engineer", "nope", "release", null, null).statusCode(400);
        given().get(PATH + id + "/artifact").then().statusCode(401);
    }

    @Test
    void downloadWholeRangesAndConditional() throws Exception {
        Artifact a = new Artifact(2 * 1024 * 1024 + 17, 24);
        String id = uploaded(a);
        act("engineer", id, "release", null, null).statusCode(200);
        String etag = "\"" + a.sha256() + "\"";
        String url = PATH + id + "/artifact";

        // whole, streamed, read as a stream by the test too
        var whole = given().header("Authorization", KeycloakTokens.bearer("viewer")).get(url).then()
                .statusCode(200).header("ETag", etag).header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(a.size())).contentType("application/octet-stream")
                .extract();
        try (InputStream in = whole.asInputStream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) >= 0;) {
                sha.update(buf, 0, n);
            }
            assertEquals(a.sha256(), HexFormat.of().formatHex(sha.digest()));
        }
        // the device service account may download too
        given().header("Authorization", "Bearer " + KeycloakTokens.client("converge-device"))
                .header("Range", "bytes=0-99").get(url).then().statusCode(206);

        byte[] first = given().header("Authorization", KeycloakTokens.bearer("viewer")).header("Range", "bytes=0-99")
                .get(url).then().statusCode(206).header("Content-Range", "bytes 0-99/" + a.size())
                .header("Content-Length", "100").header("ETag", etag).extract().asByteArray();
        assertArrayEquals(a.bytes(0, 100), first);
        long from = a.size() - 1000;
        byte[] tail = given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .header("Range", "bytes=" + from + "-").get(url).then().statusCode(206)
                .header("Content-Range", "bytes " + from + "-" + (a.size() - 1) + "/" + a.size()).extract()
                .asByteArray();
        assertArrayEquals(a.bytes(from, 1000), tail);
        byte[] suffix = given().header("Authorization", KeycloakTokens.bearer("viewer")).header("Range", "bytes=-50")
                .get(url).then().statusCode(206).extract().asByteArray();
        assertArrayEquals(a.bytes(a.size() - 50, 50), suffix);
        byte[] middle = given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .header("Range", "bytes=1048576-1048600").get(url).then().statusCode(206).extract().asByteArray();
        assertArrayEquals(a.bytes(1048576, 25), middle);
        // beyond the end → 416 with the size
        given().header("Authorization", KeycloakTokens.bearer("viewer")).header("Range", "bytes=" + a.size() + "-")
                .get(url).then().statusCode(416).header("Content-Range", "bytes */" + a.size())
                .contentType(startsWith(PROBLEM));
        // several ranges, or If-Range with another ETag: the whole artifact
        given().header("Authorization", KeycloakTokens.bearer("viewer")).header("Range", "bytes=0-1,5-6").get(url)
                .then().statusCode(200).header("Content-Length", String.valueOf(a.size()));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).header("Range", "bytes=0-1")
                .header("If-Range", "\"old\"").get(url).then().statusCode(200);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).header("Range", "bytes=0-1")
                .header("If-Range", etag).get(url).then().statusCode(206);
        // conditional: the device already has it
        given().header("Authorization", KeycloakTokens.bearer("viewer")).header("If-None-Match", etag).get(url)
                .then().statusCode(304).header("ETag", etag);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).header("If-None-Match", "\"other\"")
                .get(url).then().statusCode(200);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(url).then().statusCode(403);
    }
}
