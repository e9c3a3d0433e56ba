package io.converge.telemetry.api;

import static io.converge.telemetry.api.Fixture.device;
import static io.converge.telemetry.api.Fixture.point;
import static io.converge.telemetry.api.Fixture.post;
import static io.converge.telemetry.api.Fixture.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.HealthTest;
import io.converge.telemetry.RegistryStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Series downsampling, latest values and the live stream, on points ingested through the API. */
@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryTest {

    private static final String ASSET = "TEL-QUERY-1";
    // a fixed minute in the last hour: 6 samples, 10 s apart, values 1..6
    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));

    @TestHTTPResource("/api/v1/telemetry/stream")
    URI stream;

    private boolean ingested;

    @BeforeEach
    void ingestOnce() {
        HealthTest.awaitReady();
        if (ingested) {
            return;
        }
        ingested = true;
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            body.append(i == 0 ? "" : ",").append(point(ASSET, "level", minute.plusSeconds(10L * i), i + 1));
        }
        body.append(",").append(point(ASSET, "mode", minute, "auto")).append(",")
                .append(point(ASSET, "mode", minute.plusSeconds(30), "manual")).append("]");
        post(device(), "application/json", body.toString()).statusCode(200).body("accepted", equalTo(8));
    }

    private io.restassured.response.ValidatableResponse series(String query) {
        return given().header("Authorization", user("viewer")).get("/api/v1/telemetry/series?" + query).then();
    }

    private String range() {
        return "&from=" + minute + "&to=" + minute.plusSeconds(60);
    }

    @Test
    void aggregatesIntoBucketsAlignedOnTheEpoch() {
        series("asset=" + ASSET + "&metric=level" + range() + "&bucket=30s&agg=avg").statusCode(200)
                .body("asset", equalTo(ASSET)).body("bucket", equalTo("PT30S")).body("agg", equalTo("avg"))
                .body("points", hasSize(2)).body("points.value", contains(2.0f, 5.0f))
                .body("points.count", contains(3, 3)).body("points[0].ts", equalTo(minute.toString()));
        series("asset=" + ASSET + "&metric=level" + range() + "&bucket=1m&agg=max").statusCode(200)
                .body("points.value", contains(6.0f));
        series("asset=" + ASSET + "&metric=level" + range() + "&bucket=1m&agg=min").statusCode(200)
                .body("points.value", contains(1.0f));
        series("asset=" + ASSET + "&metric=level" + range() + "&bucket=PT1M&agg=sum").statusCode(200)
                .body("points.value", contains(21.0f));
        series("asset=" + ASSET + "&metric=level" + range() + "&bucket=20s&agg=count").statusCode(200)
                .body("points.value", contains(2.0f, 2.0f, 2.0f));
        series("asset=" + ASSET + "&metric=level" + range() + "&bucket=1m&agg=last").statusCode(200)
                .body("points.value", contains(6.0f));
    }

    @Test
    void lastOfAStateIsTheMostRecentState() {
        series("asset=" + ASSET + "&metric=mode" + range() + "&bucket=1m&agg=last").statusCode(200)
                .body("points.state", contains("manual"));
    }

    @Test
    void theRangeIsHalfOpenAndTheAssetMayBeGivenById() {
        series("asset=" + RegistryStub.id(ASSET) + "&metric=level&from=" + minute + "&to=" + minute.plusSeconds(10)
                + "&bucket=1m&agg=count").statusCode(200).body("points.value", contains(1.0f));
    }

    @Test
    void withoutABucketANiceOneIsChosen() {
        series("asset=" + ASSET + "&metric=level" + range()).statusCode(200).body("bucket", equalTo("PT1S"));
        series("asset=" + ASSET + "&metric=level&from=" + minute.minus(Duration.ofDays(1)) + "&to=" + minute)
                .statusCode(200).body("bucket", equalTo("PT5M"));
    }

    @Test
    void badQueriesAre400ProblemsAndUnknownAssets404() {
        Stream.of("metric=level" + range(), "asset=" + ASSET + range(), "asset=" + ASSET + "&metric=bad%20name",
                "asset=" + ASSET + "&metric=level&from=" + minute + "&to=" + minute,
                "asset=" + ASSET + "&metric=level&from=yesterday",
                "asset=" + ASSET + "&metric=level&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=1s",
                "asset=" + ASSET + "&metric=level" + range() + "&agg=median",
                "asset=" + ASSET + "&metric=level" + range() + "&bucket=fast",
                "asset=" + ASSET + "&metric=level" + range() + "&bucket=PT-1M")
                .forEach(q -> series(q).statusCode(400).contentType(startsWith("application/problem+json")));
        series("asset=NOT-THERE&metric=level").statusCode(404).contentType(startsWith("application/problem+json"));
        series("asset=" + ASSET + "&metric=level&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=1s")
                .body("detail", containsString("larger bucket"));
    }

    @Test
    void latestHoldsTheNewestValueOfEachMetric() {
        given().header("Authorization", user("viewer")).get("/api/v1/telemetry/latest?asset=" + ASSET).then()
                .statusCode(200).body("metrics.metric", contains("level", "mode"))
                .body("metrics[0].value", equalTo(6.0f)).body("metrics[1].state", equalTo("manual"))
                .body("metrics[0].ts", equalTo(minute.plusSeconds(50).toString()));
        // an older point arriving late does not move the latest value back
        post(device(), "application/json", "[" + point(ASSET, "level", minute.minusSeconds(5), 99) + "]")
                .statusCode(200);
        given().header("Authorization", user("viewer")).get("/api/v1/telemetry/latest?asset=" + ASSET).then()
                .body("metrics[0].value", equalTo(6.0f));
        given().header("Authorization", user("viewer")).get("/api/v1/telemetry/latest").then().statusCode(400);
    }

    @Test
    void readingNeedsATokenAndViewerRole() {
        given().get("/api/v1/telemetry/latest?asset=" + ASSET).then().statusCode(401);
        given().header("Authorization", user("nobody")).get("/api/v1/telemetry/latest?asset=" + ASSET).then()
                .statusCode(403);
        given().header("Authorization", device()).get("/api/v1/telemetry/latest?asset=" + ASSET).then()
                .statusCode(403);
    }

    @Test
    void theStreamDeliversPointsCommittedAfterSubscribing() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(stream + "?asset=TEL-STREAM-1"))
                .header("Authorization", user("viewer")).header("Accept", "text/event-stream").build();
        CompletableFuture<String> firstEvent = new CompletableFuture<>();
        client.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body()
                .filter(l -> l.startsWith("data:")).findFirst().ifPresent(firstEvent::complete));
        Instant t = Fixture.ts();
        String live = null;
        for (int i = 0; i < 50 && live == null; i++) {
            // the subscription starts asynchronously: post until the stream has seen a point
            post(device(), "application/json", "[" + point("TEL-STREAM-1", "rpm", t.plusMillis(i), 1500 + i) + "]")
                    .statusCode(200);
            try {
                live = firstEvent.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                live = null;
            }
        }
        assertTrue(live != null && live.contains("\"metric\":\"rpm\"") && live.contains("\"asset\":\"TEL-STREAM-1\""),
                "stream event: " + live);
    }
}
