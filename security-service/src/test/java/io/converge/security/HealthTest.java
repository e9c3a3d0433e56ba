package io.converge.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health is open; the stub of asset-service and patch-service serves every test of the module. */
@QuarkusTest
@QuarkusTestResource(DownstreamStub.class)
class HealthTest {

    @Test
    void answersHealth() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
