package io.converge.security.api;

import static io.restassured.RestAssured.given;

import io.converge.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** REST calls as a demo user. */
final class Api {

    private Api() {
    }

    static RequestSpecification as(String user) {
        return given().header("Authorization", KeycloakTokens.bearer(user)).contentType(ContentType.JSON);
    }

    static ValidatableResponse post(String user, String path, String body) {
        return as(user).body(body).post(path).then();
    }

    static String json(String s) {
        return s.replace('\'', '"');
    }
}
