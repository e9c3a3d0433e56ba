package io.converge.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
public class HealthTest {

    /** Readiness waits for the registry view; the loader pages through the registry with its own token. */
    public static void awaitReady() {
        long deadline = System.currentTimeMillis() + 60_000;
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not ready: " + given().get("/q/health/ready").asString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void becomesReadyOnceTheRegistryViewHasLoadedEveryPage() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        awaitReady();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("asset-registry-view"))
                .body("checks.find { it.name == 'asset-registry-view' }.data.assets",
                        equalTo(RegistryStub.ASSETS.size()));
    }
}
