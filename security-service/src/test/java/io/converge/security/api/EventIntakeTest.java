package io.converge.security.api;

import static io.converge.security.api.Api.as;
import static io.converge.security.api.Api.json;
import static io.converge.security.api.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventIntakeTest {

    private static final String EVENTS = "/api/v1/security/events";

    private static int stored() {
        return as("analyst").get(EVENTS + "/stats").then().statusCode(200).extract().jsonPath()
                .getInt("api.normalized");
    }

    @Test
    void aBatchOfPhysicalAndOcsfEventsIsNormalizedStoredAndReadBack() {
        String person = "p-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        post("analyst", EVENTS, json("[{'kind':'badge-denied','badgeId':'B-1','person':'" + person + "',"
                + "'door':'D-7','site':'plant-1'},{'kind':'door-held-open','door':'D-7'},"
                + "{'class_uid':4001,'activity_id':1,'metadata':{'uid':'" + id + "'},"
                + "'src_endpoint':{'ip':'10.0.0.1'},'dst_endpoint':{'ip':'10.0.0.2','port':443}}]"))
                .statusCode(200).body("received", equalTo(3)).body("stored", equalTo(3))
                .body("duplicates", equalTo(0));
        as("analyst").get(EVENTS + "/" + id).then().statusCode(200).body("classUid", equalTo(4001))
                .body("ocsf.class_name", equalTo("Network Activity")).body("ocsf.dst_endpoint.port", equalTo(443))
                .body("intake", equalTo("api")).body("raw", containsString(id));
        as("analyst").get(EVENTS + "?classUid=3002&intake=api&limit=50").then().statusCode(200)
                .body("items.ocsf.actor.user.name", hasItem(person));
        // the same event again is recognised by its id and not evaluated twice
        post("analyst", EVENTS, json("[{'class_uid':4001,'metadata':{'uid':'" + id + "'}}]")).statusCode(200)
                .body("stored", equalTo(0)).body("duplicates", equalTo(1));
        // a device (badge reader, gateway) may post too
        given().header("Authorization", "Bearer " + io.converge.testing.KeycloakTokens.client("converge-device"))
                .contentType(ContentType.JSON).body(json("{'kind':'door-forced','door':'D-8'}")).post(EVENTS).then()
                .statusCode(200);
    }

    @Test
    void malformedJsonIs400AndNothingIsStored() {
        int before = stored();
        post("analyst", EVENTS, "[{\"kind\": \"badge-denied\",").statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        assertEquals(before, stored());
    }

    @Test
    void anOversizedBatchIs413() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            b.append(i == 0 ? "" : ",").append("{\"kind\":\"door-held-open\",\"door\":\"D\"}");
        }
        post("analyst", EVENTS, b.append(']').toString()).statusCode(413)
                .contentType("application/problem+json");
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        as("analyst").body(huge).post(EVENTS).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void anUnknownOcsfClassOrAnyInvalidEventRefusesTheWholeBatch() {
        int before = stored();
        post("analyst", EVENTS, json("[{'kind':'door-held-open','door':'D'},{'class_uid':9999}]")).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("unknown OCSF class"))
                .body("errors[0].row", equalTo(1)).body("errors[0].field", equalTo("class_uid"));
        post("analyst", EVENTS, json("[{'kind':'connection','srcIp':'10.0.0.999','dstIp':'10.0.0.1'}]"))
                .statusCode(422).body("errors[0].message", containsString("srcIp"));
        post("analyst", EVENTS, json("[]")).statusCode(422);
        post("analyst", EVENTS, json("[{'class_uid':3002,'time':'2999-01-01T00:00:00Z'}]")).statusCode(422);
        assertEquals(before, stored());
    }

    @Test
    void rolesAndTokens() {
        given().contentType(ContentType.JSON).body("[]").post(EVENTS).then().statusCode(401);
        post("viewer", EVENTS, json("[{'kind':'door-held-open','door':'D'}]")).statusCode(403);
        as("engineer").get(EVENTS).then().statusCode(403);
        as("admin").get(EVENTS).then().statusCode(200);
        as("analyst").get(EVENTS + "?limit=0").then().statusCode(400);
        as("analyst").get(EVENTS + "?cursor=zzz").then().statusCode(400);
        as("analyst").get(EVENTS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
