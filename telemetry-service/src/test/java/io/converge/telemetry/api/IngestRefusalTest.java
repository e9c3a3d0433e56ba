package io.converge.telemetry.api;

import static io.converge.telemetry.api.Fixture.allRows;
import static io.converge.telemetry.api.Fixture.device;
import static io.converge.telemetry.api.Fixture.point;
import static io.converge.telemetry.api.Fixture.post;
import static io.converge.telemetry.api.Fixture.ts;
import static io.converge.telemetry.api.Fixture.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.telemetry.HealthTest;
import io.converge.telemetry.RegistryStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests refused as a whole: each gets a 4xx problem+json and writes nothing. */
@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
class IngestRefusalTest {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    private long before;

    @BeforeEach
    void ready() {
        HealthTest.awaitReady();
        before = allRows(pool);
    }

    private void nothingWritten() {
        assertEquals(before, allRows(pool));
    }

    @Test
    void malformedJsonIs400() {
        post(device(), JSON, "[{\"asset\":").statusCode(400).contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:converge:problem:bad-request"));
        nothingWritten();
    }

    @Test
    void aBodyThatIsNotAnArrayIs400() {
        post(device(), JSON, point("TEL-PLC-1", "x", ts(), 1)).statusCode(400).contentType(startsWith(PROBLEM))
                .body("detail", containsString("array"));
        post(device(), JSON, "\"text\"").statusCode(400).contentType(startsWith(PROBLEM));
        nothingWritten();
    }

    @Test
    void anEmptyBatchIs400() {
        post(device(), JSON, "[]").statusCode(400).contentType(startsWith(PROBLEM)).body("detail", containsString("empty"));
        post(device(), IngestResource.NDJSON, "\n\n").statusCode(400).contentType(startsWith(PROBLEM));
        nothingWritten();
    }

    @Test
    void trailingContentAfterTheArrayIs400() {
        post(device(), JSON, "[" + point("TEL-PLC-1", "x", ts(), 1) + "] []").statusCode(400)
                .contentType(startsWith(PROBLEM));
        nothingWritten();
    }

    @Test
    void moreThanTheBatchLimitIs413AndNothingIsStored() {
        Instant t = ts();
        StringJoiner body = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 10_001; i++) {
            body.add("{\"asset\":\"TEL-PLC-1\",\"metric\":\"m\",\"ts\":" + (t.toEpochMilli() - i) + ",\"value\":" + i + "}");
        }
        post(device(), JSON, body.toString()).statusCode(413).contentType(startsWith(PROBLEM))
                .body("detail", containsString("10000"));
        nothingWritten();
    }

    @Test
    void aBodyOverTheSizeLimitIs413BeforeItIsRead() {
        String big = "[" + "{\"asset\":\"TEL-PLC-1\",\"metric\":\"m\",\"ts\":0,\"value\":1},".repeat(90_000) + "1]";
        post(device(), JSON, big).statusCode(413).contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:converge:problem:payload-too-large"));
        nothingWritten();
    }

    @Test
    void anotherContentTypeIs415() {
        post(device(), "text/csv", "asset,metric\nTEL-PLC-1,x").statusCode(415).contentType(startsWith(PROBLEM));
        nothingWritten();
    }

    @Test
    void withoutATokenIs401() {
        given().contentType(JSON).body("[" + point("TEL-PLC-1", "x", ts(), 1) + "]").post(Fixture.POINTS).then()
                .statusCode(401).contentType(startsWith(PROBLEM));
        given().header("Authorization", "Bearer not.a.token").contentType(JSON)
                .body("[" + point("TEL-PLC-1", "x", ts(), 1) + "]").post(Fixture.POINTS).then().statusCode(401);
        nothingWritten();
    }

    @Test
    void viewersAndAnalystsMayNotIngestEngineersMay() {
        String body = "[" + point("TEL-PLC-1", "role", ts(), 1) + "]";
        post(user("viewer"), JSON, body).statusCode(403).contentType(startsWith(PROBLEM));
        post(user("operator"), JSON, body).statusCode(403);
        post(user("analyst"), JSON, body).statusCode(403);
        post(user("nobody"), JSON, body).statusCode(403);
        nothingWritten();
        post(user("engineer"), JSON, body).statusCode(200).body("accepted", equalTo(1));
    }
}
