package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.converge.events.AssetEventData;
import io.converge.kpi.stream.AssetDirectory;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KPI queries' refusals (400/401/403/404 problem+json) and the answer shape of an asset with no windows yet. */
@QuarkusTest
class KpiQueryResourceTest {

    static final String PROBLEM = "application/problem+json";
    static final String FROM = "2026-11-20T08:00:00Z";
    static final String TO = "2026-11-20T12:00:00Z";

    @Inject
    AssetDirectory assets;

    String tag;
    UUID line;

    @BeforeEach
    void asset() {
        tag = "Q-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        line = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        assets.apply(new AssetEventData(id, tag, "q", "ot", "plc", null, null, null, null, UUID.randomUUID(), line,
                null, "low", null, "active", Map.of(), 1, Instant.now(), "test", null, null), false)
                .await().indefinitely();
    }

    static ValidatableResponse get(String kpi, String scope, String from, String to, String bucket) {
        var req = given().header("Authorization", KeycloakTokens.bearer("viewer"));
        if (scope != null) {
            req = req.queryParam("scope", scope);
        }
        if (from != null) {
            req = req.queryParam("from", from);
        }
        if (to != null) {
            req = req.queryParam("to", to);
        }
        if (bucket != null) {
            req = req.queryParam("bucket", bucket);
        }
        return req.get("/api/v1/kpis/" + kpi).then();
    }

    static void bad(ValidatableResponse r, String detail) {
        r.statusCode(400).contentType(PROBLEM).body("status", equalTo(400)).body("detail", containsString(detail));
    }

    @Test
    void badQueriesAre400() {
        for (String kpi : new String[] {"oee", "losses", "reliability", "energy"}) {
            bad(get(kpi, "cell:" + UUID.randomUUID(), FROM, TO, "PT1H"), "unknown scope");
            bad(get(kpi, null, FROM, TO, "PT1H"), "scope is required");
            bad(get(kpi, "line:not-a-uuid", FROM, TO, "PT1H"), "is not a UUID");
            bad(get(kpi, "asset:" + tag, TO, FROM, "PT1H"), "before");
            bad(get(kpi, "asset:" + tag, FROM, FROM, "PT1H"), "before");
            bad(get(kpi, "asset:" + tag, null, TO, "PT1H"), "from and to are required");
            bad(get(kpi, "asset:" + tag, "yesterday", TO, "PT1H"), "from must be an ISO-8601 instant");
            bad(get(kpi, "asset:" + tag, FROM, "2026-11-20 12:00", "PT1H"), "to must be an ISO-8601 instant");
            bad(get(kpi, "asset:" + tag, FROM, TO, "PT30S"), "multiple of the smallest stored window");
            bad(get(kpi, "asset:" + tag, FROM, TO, "PT90S"), "multiple of the smallest stored window");
            bad(get(kpi, "asset:" + tag, FROM, TO, "-PT1H"), "multiple of the smallest stored window");
            bad(get(kpi, "asset:" + tag, FROM, TO, "soon"), "bucket must be a duration");
            bad(get(kpi, "asset:" + tag, "2026-01-01T00:00:00Z", TO, "PT1M"), "too small for the range");
            bad(get(kpi, "asset:" + tag, "2020-01-01T00:00:00Z", TO, "P1D"), "longer than");
        }
    }

    @Test
    void unknownScopesAre404AndTokensAreChecked() {
        get("oee", "asset:NOPE-" + UUID.randomUUID().toString().substring(0, 6), FROM, TO, "PT1H").statusCode(404)
                .contentType(PROBLEM);
        get("oee", "line:" + UUID.randomUUID(), FROM, TO, "PT1H").statusCode(404).contentType(PROBLEM);
        given().queryParam("scope", "asset:" + tag).queryParam("from", FROM).queryParam("to", TO)
                .get("/api/v1/kpis/oee").then().statusCode(401);
        given().header("Authorization", KeycloakTokens.bearer("nobody")).queryParam("scope", "asset:" + tag)
                .queryParam("from", FROM).queryParam("to", TO).get("/api/v1/kpis/oee").then().statusCode(403);
    }

    @Test
    void noWindowsYetGivesEmptyBucketsWithUndefinedKpis() {
        get("oee", "asset:" + tag, FROM, TO, "PT1H").statusCode(200).body("bucket", equalTo("PT1H"))
                .body("windowWidth", equalTo("PT1H")).body("buckets.size()", equalTo(4))
                .body("buckets[0].windows", equalTo(0))
                .body("total.availability.reason", equalTo("PBT is 0"))
                .body("total.quality.reason", equalTo("PQ is 0"));
        get("oee", "line:" + line, FROM, TO, "15m").statusCode(200).body("windowWidth", equalTo("PT1M"))
                .body("buckets.size()", equalTo(16));
    }
}
