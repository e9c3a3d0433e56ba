package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An edge gateway speaking the device protocol for the PLCs of one line (device token): every CAMPAIGN_PERIOD_MS it
 * reports the next step of every device busy with an update in one call (POST /api/v1/devices/feedback:
 * downloading 50 %, downloaded, installing, success), then polls for the idle ones in one call
 * (POST /api/v1/devices/poll). An offered firmware is downloaded once per gateway (GET …/artifact, SHA-256 checked)
 * before its devices report. Each acknowledged success is remembered with its version.
 */
final class EdgeGateway {

    static final String POLL = "POST /api/v1/devices/poll";
    static final String FEEDBACK = "POST /api/v1/devices/feedback";
    static final String ARTIFACT = "GET /api/v1/firmware/{id}/artifact";

    private static final String[] STEPS = {"\"status\":\"downloading\",\"progress\":50", "\"status\":\"downloaded\"",
        "\"status\":\"installing\"", "\"status\":\"success\",\"message\":\"soak update installed\""};

    /** What all gateways of the run share: counters and the last version acknowledged per device. */
    static final class Totals {
        final AtomicLong offered = new AtomicLong();
        final AtomicLong reports = new AtomicLong();
        final AtomicLong reportsAcked = new AtomicLong();
        final AtomicLong successes = new AtomicLong();
        final Map<String, String> versionByTag = new ConcurrentHashMap<>();
    }

    private record Busy(String actionId, String campaignId, String version, int step) {
    }

    private final Config cfg;
    private final Traffic traffic;
    private final Tokens tokens;
    private final List<String> tags;
    private final Totals totals;
    private final Map<String, Busy> busy = new LinkedHashMap<>();
    private final Set<String> downloaded = new HashSet<>();

    EdgeGateway(Config cfg, Traffic traffic, Tokens tokens, List<String> tags, Totals totals) {
        this.cfg = cfg;
        this.traffic = traffic;
        this.tokens = tokens;
        this.tags = tags;
        this.totals = totals;
    }

    /** One cycle: feedback of the busy devices, then a poll for the idle ones. */
    void cycle() {
        String token = tokens.device();
        if (!busy.isEmpty()) {
            report(token);
        }
        List<String> idle = tags.stream().filter(t -> !busy.containsKey(t)).toList();
        if (idle.isEmpty()) {
            return;
        }
        Traffic.Answer a = traffic.postJson(POLL, cfg.api("/api/v1/devices/poll"), token,
                json(Map.of("tags", idle)));
        if (!a.ok()) {
            return;
        }
        for (JsonNode x : a.json().path("actions")) {
            JsonNode action = x.path("action");
            String firmware = action.path("firmwareId").asText();
            if (!downloaded.contains(firmware) && !download(token, action)) {
                continue;   // recorded; the device asks again next cycle
            }
            downloaded.add(firmware);
            busy.put(x.path("tag").asText(), new Busy(action.path("actionId").asText(),
                    action.path("campaignId").asText(), action.path("version").asText(), 0));
            totals.offered.incrementAndGet();
        }
    }

    private void report(String token) {
        List<Map.Entry<String, Busy>> items = new ArrayList<>(busy.entrySet());
        StringBuilder b = new StringBuilder("{\"reports\":[");
        for (int i = 0; i < items.size(); i++) {
            Busy d = items.get(i).getValue();
            b.append(i == 0 ? "" : ",").append("{\"tag\":\"").append(items.get(i).getKey())
                    .append("\",\"actionId\":\"").append(d.actionId()).append("\",").append(STEPS[d.step()])
                    .append('}');
        }
        b.append("]}");
        totals.reports.addAndGet(items.size());
        Traffic.Answer a = traffic.postJson(FEEDBACK, cfg.api("/api/v1/devices/feedback"), token,
                b.toString().getBytes(StandardCharsets.UTF_8));
        if (!a.ok()) {
            return;   // recorded; the same steps are reported again next cycle
        }
        JsonNode results = a.json().path("results");
        for (int i = 0; i < items.size(); i++) {
            String tag = items.get(i).getKey();
            Busy d = items.get(i).getValue();
            JsonNode r = results.path(i);
            if (r.path("status").asInt() != 200 || !tag.equals(r.path("tag").asText())) {
                traffic.fail(FEEDBACK, "report " + r.path("status").asText("missing"), tag + " "
                        + STEPS[d.step()] + ": " + r);
                busy.remove(tag);   // the action is refused: the device polls again
                continue;
            }
            totals.reportsAcked.incrementAndGet();
            if (d.step() == STEPS.length - 1) {
                busy.remove(tag);
                totals.successes.incrementAndGet();
                totals.versionByTag.put(tag, d.version());
            } else {
                busy.put(tag, new Busy(d.actionId(), d.campaignId(), d.version(), d.step() + 1));
            }
        }
    }

    private boolean download(String token, JsonNode action) {
        Traffic.Answer a = traffic.get(ARTIFACT, cfg.api(action.path("downloadUrl").asText()), token);
        if (!a.ok()) {
            return false;
        }
        try {
            byte[] bytes = a.bytes();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha.equals(action.path("sha256").asText())) {
                traffic.fail(ARTIFACT, "sha256 mismatch", action.path("downloadUrl").asText() + " " + sha);
                return false;
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(Object o) {
        try {
            return Api.JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
