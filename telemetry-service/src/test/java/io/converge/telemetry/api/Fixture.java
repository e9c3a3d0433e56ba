package io.converge.telemetry.api;

import static io.restassured.RestAssured.given;

import io.converge.testing.KeycloakTokens;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers of the HTTP tests: tokens, unique timestamps, posting points, counting rows. */
final class Fixture {

    static final String POINTS = "/api/v1/telemetry/points";
    private static final AtomicLong SEQ = new AtomicLong();
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));

    private Fixture() {
    }

    static String device() {
        return "Bearer " + KeycloakTokens.client("converge-device");
    }

    static String user(String name) {
        return KeycloakTokens.bearer(name);
    }

    /** A timestamp no other test uses (milliseconds apart, within the last hour). */
    static Instant ts() {
        return BASE.plusMillis(SEQ.incrementAndGet());
    }

    static String point(String asset, String metric, Instant ts, Object value) {
        String v = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return "{\"asset\":\"" + asset + "\",\"metric\":\"" + metric + "\",\"ts\":\"" + ts + "\",\"value\":" + v + "}";
    }

    static ValidatableResponse post(String token, String contentType, String body) {
        return given().header("Authorization", token).contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post(POINTS).then();
    }

    static long rows(Pool pool, UUID asset) {
        return pool.preparedQuery("SELECT count(*) FROM point WHERE asset_id = $1").execute(Tuple.of(asset))
                .await().indefinitely().iterator().next().getLong(0);
    }

    static long allRows(Pool pool) {
        return pool.query("SELECT count(*) FROM point").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
