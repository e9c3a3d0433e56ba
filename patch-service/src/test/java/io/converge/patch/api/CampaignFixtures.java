package io.converge.patch.api;

import static io.converge.patch.api.FirmwareFixtures.meta;
import static io.converge.patch.api.FirmwareFixtures.register;
import static io.converge.patch.api.FirmwareFixtures.upload;
import static io.converge.patch.api.FirmwareFixtures.vendor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.patch.AssetRegistryStub;
import io.converge.testing.KeycloakTokens;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Released firmware for X1/X2, campaign bodies over the {@link AssetRegistryStub} fixture, and row counts. */
final class CampaignFixtures {

    static final String PATH = "/api/v1/campaigns";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignFixtures() {
    }

    /** A new verified firmware compatible with X1 and X2 (models compared ignoring case); its id. */
    static String verifiedFirmware() {
        try {
            String vendor = vendor();
            KeyPair k = FirmwareFixtures.ed25519();
            String keyId = register(vendor, "ed25519", k);
            FirmwareFixtures.Artifact a = new FirmwareFixtures.Artifact(4_096, vendor.hashCode());
            HttpResponse<String> r = upload("engineer", meta(vendor, "2.0.0", "X1,X2", a.sha256(),
                    a.signEd25519(k), keyId), a.stream(), null);
            assertEquals(201, r.statusCode(), r.body());
            return JSON.readTree(r.body()).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new released firmware compatible with X1 and X2; its id. */
    static String releasedFirmware() {
        String id = verifiedFirmware();
        given().header("Authorization", KeycloakTokens.bearer("engineer")).post("/api/v1/firmware/" + id + "/release")
                .then().statusCode(200);
        return id;
    }

    /** Canary of 2 devices, then 25 % and 75 %, at most half a line per wave. */
    static Map<String, Object> plan() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("canaryDevices", 2);
        p.put("wavePercents", List.of(25, 75));
        p.put("maxLineShare", 0.5);
        p.put("successThreshold", 90);
        p.put("errorThreshold", 10);
        return p;
    }

    static Map<String, Object> body(String firmwareId, Map<String, Object> target, Map<String, Object> plan) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", "X1 security fix");
        b.put("firmwareId", firmwareId);
        b.put("target", target);
        b.put("plan", plan);
        return b;
    }

    /** The fixture's site: 49 assets in service, 5 of them Y9 (incompatible), so 44 targets. */
    static Map<String, Object> site() {
        return new LinkedHashMap<>(Map.of("site", AssetRegistryStub.SITE.toString()));
    }

    static ValidatableResponse create(String user, Object body) {
        var req = given().contentType("application/json").body(body);
        if (user != null) {
            req = req.header("Authorization", KeycloakTokens.bearer(user));
        }
        return req.post(PATH).then();
    }

    /** Rows of campaign, campaign_target, campaign_excluded and campaign_audit. */
    static List<Long> counts(Pool pool) {
        return pool.query("SELECT (SELECT count(*) FROM campaign), (SELECT count(*) FROM campaign_target),"
                + " (SELECT count(*) FROM campaign_excluded), (SELECT count(*) FROM campaign_audit)").execute()
                .map(rs -> {
                    var r = rs.iterator().next();
                    return List.of(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
                }).await().indefinitely();
    }
}
