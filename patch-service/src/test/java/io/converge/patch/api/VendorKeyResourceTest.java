package io.converge.patch.api;

import static io.converge.patch.api.FirmwareFixtures.PROBLEM;
import static io.converge.patch.api.FirmwareFixtures.pem;
import static io.converge.patch.api.FirmwareFixtures.vendor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Vendor keys against real PostgreSQL and Keycloak tokens: register, read, revoke, unusable keys, roles. */
@QuarkusTest
class VendorKeyResourceTest {

    private static final String PATH = "/api/v1/firmware/vendor-keys";

    private static ValidatableResponse post(String user, Object body) {
        var req = given().contentType("application/json").body(body);
        if (user != null) {
            req = req.header("Authorization", KeycloakTokens.bearer(user));
        }
        return req.post(PATH).then();
    }

    private static Map<String, String> key(String vendor, String algorithm, String publicKey) {
        return Map.of("vendor", vendor, "name", "signing key 2025", "algorithm", algorithm, "publicKey", publicKey);
    }

    @Test
    void registerReadAndRevoke() throws Exception {
        String vendor = vendor();
        KeyPair ed = FirmwareFixtures.ed25519();
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(ed.getPublic().getEncoded()));
        String id = post("engineer", key(vendor, "ed25519", pem(ed))).statusCode(201)
                .header("Location", containsString(PATH + "/"))
                .body("vendor", equalTo(vendor)).body("algorithm", equalTo("ed25519"))
                .body("fingerprint", equalTo(fingerprint)).body("createdBy", equalTo("engineer"))
                .body("publicKey", equalTo(Base64.getEncoder().encodeToString(ed.getPublic().getEncoded())))
                .body("revokedAt", nullValue()).extract().path("id");
        // bare base64 DER works as well as PEM
        KeyPair ec = FirmwareFixtures.ec("secp256r1");
        String ecId = post("admin", key(vendor, "ecdsa-p256", Base64.getEncoder().encodeToString(
                ec.getPublic().getEncoded()))).statusCode(201).body("algorithm", equalTo("ecdsa-p256"))
                .extract().path("id");
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("vendor", vendor).get(PATH)
                .then().statusCode(200).body("", hasSize(2)).body("id", hasItem(ecId));
        // the same key twice for a vendor → 409
        post("engineer", key(vendor, "ed25519", pem(ed))).statusCode(409).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + id).then()
                .statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + id).then()
                .statusCode(204);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + id).then().statusCode(200)
                .body("revokedAt", notNullValue()).body("revokedBy", equalTo("engineer"));
        given().header("Authorization", KeycloakTokens.bearer("engineer")).delete(PATH + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith(PROBLEM));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/" + UUID.randomUUID()).then()
                .statusCode(404).contentType(startsWith(PROBLEM));
    }

    @Test
    void unusableKeysAre422() {
        String vendor = vendor();
        KeyPair rsa = FirmwareFixtures.rsa();
        post("engineer", key(vendor, "ed25519", pem(rsa))).statusCode(422).contentType(startsWith(PROBLEM))
                .body("detail", containsString("RSA")).body("errors[0].field", equalTo("publicKey"));
        post("engineer", key(vendor, "ecdsa-p256", pem(rsa))).statusCode(422).body("detail", containsString("RSA"));
        post("engineer", key(vendor, "ecdsa-p256", pem(FirmwareFixtures.ed25519()))).statusCode(422);
        post("engineer", key(vendor, "ed25519", pem(FirmwareFixtures.ec("secp256r1")))).statusCode(422);
        post("engineer", key(vendor, "ecdsa-p256", pem(FirmwareFixtures.ec("secp384r1")))).statusCode(422)
                .body("detail", containsString("P-256"));
        post("engineer", key(vendor, "ed25519", "bm90IGEga2V5")).statusCode(422);
        post("engineer", key(vendor, "ed25519", "*** not base64 ***")).statusCode(422);
        post("engineer", key(vendor, "ed25519", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .statusCode(422);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("vendor", vendor).get(PATH)
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void badBodiesAre400() {
        String vendor = vendor();
        String pem = pem(FirmwareFixtures.ed25519());
        post("engineer", key(vendor, "rsa-2048", pem)).statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("algorithm"));
        post("engineer", Map.of("name", "k", "algorithm", "ed25519", "publicKey", pem)).statusCode(400)
                .body("errors[0].field", equalTo("vendor"));
        post("engineer", key("bad/vendor", "ed25519", pem)).statusCode(400);
        post("engineer", "{\"vendor\":").statusCode(400).contentType(startsWith(PROBLEM));
        post("engineer", "{\"vendor\":\"v\",\"name\":\"k\",\"algorithm\":\"ed25519\",\"publicKey\":\"x\","
                + "\"colour\":\"red\"}").statusCode(400).body("errors[0].field", equalTo("colour"));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get(PATH + "/not-a-uuid").then()
                .statusCode(400).contentType(startsWith(PROBLEM));
    }

    @Test
    void engineersWriteViewersRead() {
        String vendor = vendor();
        String pem = pem(FirmwareFixtures.ed25519());
        post(null, key(vendor, "ed25519", pem)).statusCode(401).contentType(startsWith(PROBLEM));
        post("viewer", key(vendor, "ed25519", pem)).statusCode(403).contentType(startsWith(PROBLEM));
        post("operator", key(vendor, "ed25519", pem)).statusCode(403);
        post("approver", key(vendor, "ed25519", pem)).statusCode(403);
        String id = post("engineer", key(vendor, "ed25519", pem)).statusCode(201).extract().path("id");
        given().header("Authorization", KeycloakTokens.bearer("viewer")).delete(PATH + "/" + id).then()
                .statusCode(403);
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).get(PATH).then().statusCode(403);
    }
}
