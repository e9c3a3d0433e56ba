package io.converge.kpi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Shift calendars and the planned busy time they give, with hand-computed figures. */
@QuarkusTest
class CalendarResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String WEEKDAYS = "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY";

    private static String slots(String start, String end) {
        StringBuilder b = new StringBuilder();
        for (String d : WEEKDAYS.split(",")) {
            b.append(b.isEmpty() ? "" : ",").append("{\"day\":\"").append(d).append("\",\"start\":\"").append(start)
                    .append("\",\"end\":\"").append(end).append("\"}");
        }
        return b.toString();
    }

    /** Two shifts 06:00-14:00 and 14:00-22:00 Berlin time, a 10:00-10:30 break, one hour of planned maintenance. */
    private static String calendar(String zone) {
        return "{\"zone\":\"" + zone + "\",\"shifts\":[" + slots("06:00", "14:00") + "," + slots("14:00", "22:00")
                + "],\"breaks\":[" + slots("10:00", "10:30") + "],\"plannedDowntime\":[{\"from\":"
                + "\"2026-11-04T08:00:00Z\",\"to\":\"2026-11-04T09:00:00Z\",\"reason\":\"filter change\"}]}";
    }

    private static ValidatableResponse put(String user, Object site, String body, String ifMatch) {
        var req = given().header("Authorization", KeycloakTokens.bearer(user)).contentType("application/json")
                .body(body);
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.put("/api/v1/kpis/calendars/" + site).then();
    }

    private static ValidatableResponse pbt(UUID site, String from, String to) {
        return given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get("/api/v1/kpis/calendars/" + site + "/planned-busy?from=" + from + "&to=" + to).then();
    }

    @Test
    void plannedBusyTimeIsShiftsMinusBreaksMinusPlannedDowntime() {
        UUID site = UUID.randomUUID();
        put("engineer", site, calendar("Europe/Berlin"), null).statusCode(201).header("ETag", "\"1\"")
                .header("Location", endsWith("/api/v1/kpis/calendars/" + site))
                .body("calendar.zone", equalTo("Europe/Berlin")).body("calendar.shifts", hasSize(10));
        // Monday 2 Nov 2026, Berlin = UTC+1: 06:00-22:00 local = 16 h, minus the 30 min break = 15.5 h = 55,800 s
        pbt(site, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z").statusCode(200)
                .body("plannedBusySeconds", equalTo(55_800)).body("periods", hasSize(2))
                .body("periods[0].start", equalTo("2026-11-02T05:00:00Z"));
        // Wednesday: also the 08:00-09:00 UTC maintenance (09:00-10:00 local) = 14.5 h = 52,200 s
        pbt(site, "2026-11-04T00:00:00Z", "2026-11-05T00:00:00Z").body("plannedBusySeconds", equalTo(52_200));
        // Saturday: no shift
        pbt(site, "2026-11-07T00:00:00Z", "2026-11-08T00:00:00Z").body("plannedBusySeconds", equalTo(0));
    }

    @Test
    void replacingNeedsTheETag() {
        UUID site = UUID.randomUUID();
        String etag = put("engineer", site, calendar("Europe/Berlin"), null).statusCode(201).extract().header("ETag");
        put("engineer", site, calendar("UTC"), null).statusCode(428).contentType(startsWith(PROBLEM));
        put("engineer", site, calendar("UTC"), "\"9\"").statusCode(412);
        put("engineer", site, calendar("UTC"), etag).statusCode(200).header("ETag", "\"2\"")
                .body("calendar.zone", equalTo("UTC"));
        // UTC: 16 h minus the break
        pbt(site, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z").body("plannedBusySeconds", equalTo(55_800));
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get("/api/v1/kpis/calendars/" + site)
                .then().statusCode(200).header("ETag", "\"2\"").body("updatedBy", equalTo("engineer"));
    }

    @Test
    void badCalendarsAndWindowsAre400AndWriteNothing() {
        UUID site = UUID.randomUUID();
        put("engineer", site, calendar("Mars/Olympus_Mons"), null).statusCode(400).contentType(startsWith(PROBLEM));
        put("engineer", site, "{\"zone\":\"UTC\"}", null).statusCode(400);
        put("engineer", site, calendar("UTC").replace("\"2026-11-04T09:00:00Z\"", "\"2026-11-04T07:00:00Z\""), null)
                .statusCode(400).body("detail", containsString("before its end"));
        put("engineer", site, calendar("UTC").replace("\"06:00\"", "\"6 o'clock\""), null).statusCode(400);
        put("engineer", site, calendar("UTC").replace("MONDAY", "MOONDAY"), null).statusCode(400);
        put("engineer", "not-a-site", calendar("UTC"), null).statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer")).get("/api/v1/kpis/calendars/" + site)
                .then().statusCode(404).contentType(startsWith(PROBLEM));
        pbt(site, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z").statusCode(404);
        put("engineer", site, calendar("UTC"), null).statusCode(201);
        pbt(site, "2026-11-03T00:00:00Z", "2026-11-02T00:00:00Z").statusCode(400).contentType(startsWith(PROBLEM));
        pbt(site, "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z").statusCode(400);
        pbt(site, "monday", "2026-11-03T00:00:00Z").statusCode(400);
        given().header("Authorization", KeycloakTokens.bearer("viewer"))
                .get("/api/v1/kpis/calendars/" + site + "/planned-busy").then().statusCode(400);
    }

    @Test
    void onlyEngineersSetCalendars() {
        UUID site = UUID.randomUUID();
        given().contentType("application/json").body(calendar("UTC")).put("/api/v1/kpis/calendars/" + site).then()
                .statusCode(401);
        put("viewer", site, calendar("UTC"), null).statusCode(403).contentType(startsWith(PROBLEM));
        put("operator", site, calendar("UTC"), null).statusCode(403);
    }
}
