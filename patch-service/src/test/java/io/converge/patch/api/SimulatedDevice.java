package io.converge.patch.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A device's firmware agent as the end-to-end test drives it through the device protocol: poll for an action,
 * download the artifact in two ranged requests and check its SHA-256 against the action's, report progress, then
 * the result. Calls carry the {@code converge-device} client's token.
 */
final class SimulatedDevice {

    /** An action the device was offered. */
    record Offer(String actionId, String campaignId, String version, String sha256, boolean rollback,
            String downloadUrl) {
    }

    private final String tag;

    SimulatedDevice(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    /** The action offered now, if any (204 = nothing to do). */
    Optional<Offer> poll() {
        Response r = given().header("Authorization", DeviceFixtures.deviceBearer())
                .get(DeviceFixtures.DEVICES + tag + "/deployment");
        if (r.statusCode() == 204) {
            return Optional.empty();
        }
        assertEquals(200, r.statusCode(), () -> tag + " poll: " + r.asString());
        JsonPath j = r.jsonPath();
        return Optional.of(new Offer(j.getString("actionId"), j.getString("campaignId"), j.getString("version"),
                j.getString("sha256"), j.getBoolean("rollback"), j.getString("downloadUrl")));
    }

    /** Polls and fails the test when nothing is offered. */
    Offer offered() {
        return poll().orElseThrow(() -> new AssertionError(tag + " was offered nothing"));
    }

    /**
     * Downloads the artifact (first half, then the rest, with {@code Range}), checks the SHA-256 and reports
     * downloading, downloaded and installing; the bytes.
     */
    byte[] download(Offer o) {
        report(o, "downloading", 0, null);
        String contentRange = given().header("Authorization", DeviceFixtures.deviceBearer())
                .header("Range", "bytes=0-0").get(o.downloadUrl()).then().statusCode(206).extract()
                .header("Content-Range");
        int size = Integer.parseInt(contentRange.substring(contentRange.indexOf('/') + 1));
        int half = size / 2;
        byte[] first = range(o, "bytes=0-" + (half - 1), 206);
        report(o, "downloading", 50, null);
        byte[] rest = range(o, "bytes=" + half + "-", 206);
        byte[] all = new byte[size];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, half, rest.length);
        assertEquals(size, first.length + rest.length);
        assertArrayEquals(HexFormat.of().parseHex(o.sha256()), sha256(all), tag + ": downloaded artifact's SHA-256");
        report(o, "downloaded", 100, null);
        report(o, "installing", null, null);
        return all;
    }

    /** The whole cycle: download, install and report {@code success}, or {@code failure} with a message. */
    void install(Offer o, boolean succeed) {
        download(o);
        report(o, succeed ? "success" : "failure", null, succeed ? "running " + o.version()
                : "boot loop after flashing " + o.version());
    }

    void report(Offer o, String status, Integer progress, String message) {
        StringBuilder b = new StringBuilder("{\"status\":\"").append(status).append('"');
        if (progress != null) {
            b.append(",\"progress\":").append(progress);
        }
        if (message != null) {
            b.append(",\"message\":\"").append(message).append('"');
        }
        b.append('}');
        Response r = given().header("Authorization", DeviceFixtures.deviceBearer()).contentType("application/json")
                .body(b.toString()).post(DeviceFixtures.DEVICES + tag + "/deployment/" + o.actionId() + "/feedback");
        assertEquals(200, r.statusCode(), () -> tag + " " + status + ": " + r.asString());
    }

    private byte[] range(Offer o, String range, int status) {
        return given().header("Authorization", DeviceFixtures.deviceBearer()).header("Range", range)
                .get(o.downloadUrl()).then().statusCode(status).extract().asByteArray();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
