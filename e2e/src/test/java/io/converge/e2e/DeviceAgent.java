package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device's firmware agent driving the device protocol through the gateway with the {@code converge-device} token:
 * poll for its action, download the artifact in two ranged requests, check its SHA-256 against the action's, report
 * downloading → downloaded → installing → success.
 */
record DeviceAgent(String tag) {

    /** An action the device was offered. */
    record Offer(String actionId, String campaignId, String version, String sha256, String downloadUrl) {
    }

    /** The action offered now, if any (204 = nothing to do). */
    Optional<Offer> poll() {
        Gateway.Answer a = Gateway.device("GET", "/api/v1/devices/" + tag + "/deployment", null);
        if (a.status() == 204) {
            return Optional.empty();
        }
        assertEquals(200, a.status(), tag + " poll: " + a.body());
        JsonNode j = a.json();
        return Optional.of(new Offer(j.path("actionId").asText(), j.path("campaignId").asText(),
                j.path("version").asText(), j.path("sha256").asText(), j.path("downloadUrl").asText()));
    }

    /** Polls and fails when nothing is offered. */
    Offer offered() {
        return poll().orElseThrow(() -> new AssertionError(tag + " was offered nothing"));
    }

    /** Download (two ranges, SHA-256 checked), install, and report each step and the success. */
    void install(Offer o) throws Exception {
        report(o, "downloading", 0);
        HttpResponse<byte[]> head = Gateway.deviceDownload(o.downloadUrl(), "Range", "bytes=0-0");
        assertEquals(206, head.statusCode(), tag + " first byte");
        String contentRange = head.headers().firstValue("Content-Range").orElseThrow();
        int size = Integer.parseInt(contentRange.substring(contentRange.indexOf('/') + 1));
        byte[] first = range(o, "bytes=0-" + (size / 2 - 1));
        report(o, "downloading", 50);
        byte[] rest = range(o, "bytes=" + size / 2 + "-");
        assertEquals(size, first.length + rest.length, tag + " downloaded size");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(first);
        sha.update(rest);
        assertArrayEquals(HexFormat.of().parseHex(o.sha256()), sha.digest(), tag + ": artifact SHA-256");
        report(o, "downloaded", 100);
        report(o, "installing", null);
        report(o, "success", null);
    }

    private byte[] range(Offer o, String range) {
        HttpResponse<byte[]> r = Gateway.deviceDownload(o.downloadUrl(), "Range", range);
        assertEquals(206, r.statusCode(), tag + " " + range);
        return r.body();
    }

    private void report(Offer o, String status, Integer progress) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("status", status);
        if (progress != null) {
            b.put("progress", progress);
        }
        b.put("message", status + " " + o.version());
        Gateway.Answer a = Gateway.device("POST", "/api/v1/devices/" + tag + "/deployment/" + o.actionId()
                + "/feedback", b);
        assertEquals(200, a.status(), tag + " " + status + ": " + a.body());
    }
}
