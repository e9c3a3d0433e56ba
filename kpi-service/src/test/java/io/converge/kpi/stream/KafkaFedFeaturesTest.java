package io.converge.kpi.stream;

import static io.converge.kpi.stream.Feed.value;
import static io.converge.kpi.stream.StreamingTest.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.TelemetryPointsData.Sample;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The consumer feeds every feature: a metric alarm rule and a condition binding on metrics no KPI binding names make
 * the consumer keep those samples, and telemetry events on Kafka raise the alarm and open the maintenance
 * recommendation.
 */
@QuarkusTest
class KafkaFedFeaturesTest {

    @Inject
    ObjectMapper json;

    @Test
    void alarmsAndMaintenanceFromTelemetryOnKafka() {
        try (Feed feed = new Feed(json, UUID.randomUUID(), UUID.randomUUID())) {
            feed.assetCreated("critical");
            await("asset known", () -> given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .queryParam("scope", "asset:" + feed.tag).queryParam("from", "2026-11-20T00:00:00Z")
                    .queryParam("to", "2026-11-20T01:00:00Z").get("/api/v1/kpis/oee").statusCode() == 200);
            given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                    .body("{\"scope\":\"asset:" + feed.tag + "\",\"metric\":\"motor.temperature\",\"operator\":\">\","
                            + "\"threshold\":80,\"forSeconds\":60,\"severity\":\"critical\"}")
                    .post("/api/v1/kpis/alarm-rules").then().statusCode(201);
            given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                    .body("{\"threshold\":7.1,\"direction\":\"rising\",\"alpha\":0.2,\"windowSize\":120}")
                    .put("/api/v1/kpis/conditions/" + feed.tag + "/gearbox.vibration").then().statusCode(201);

            // temperature above 80 for two minutes; vibration rising 0.5 per hour from 3.0, one sample a minute
            Instant t0 = Instant.now().minusSeconds(3 * 3600).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            List<Sample> samples = new ArrayList<>();
            for (int m = 0; m <= 180; m++) {
                samples.add(value("gearbox.vibration", t0.plusSeconds(60L * m), 3.0 + 0.5 * m / 60.0));
                samples.add(value("motor.temperature", t0.plusSeconds(60L * m), m >= 170 ? 85 : 60));
            }
            feed.points(samples);

            await("alarm raised", () -> given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .queryParam("scope", "asset:" + feed.tag).get("/api/v1/kpis/alarms").then().extract()
                    .jsonPath().getList("items").size() == 1);
            given().header("Authorization", KeycloakTokens.bearer("viewer")).queryParam("scope", "asset:" + feed.tag)
                    .get("/api/v1/kpis/alarms").then().body("items[0].state", equalTo("active"))
                    .body("items[0].severity", equalTo("critical"));
            // 4.5 at the last sample, rising 0.5 per hour: 7.1 is crossed about 5.2 h later, inside the 72 h horizon
            await("recommendation open", () -> given().header("Authorization", KeycloakTokens.bearer("viewer"))
                    .get("/api/v1/kpis/maintenance?limit=500").then().extract().jsonPath()
                    .getList("findAll { it.assetTag == '" + feed.tag + "' }").size() == 1);
        }
    }
}
