package io.converge.e2e.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the corpus's paths point at: objects of the run's own (an asset, a zone, a KPI alarm rule, a security rule,
 * a draft campaign, an alert raised by the run's own rule on the run's own event; named with the fixture mark
 * {@code fix<run>}, removed or closed afterwards) and a few read-only ones of the demo plant (a site, a line, one of
 * its assets, a released firmware, a vendor key). Their ids and ETags fill the placeholders
 * {@code ${asset.id}}, {@code ${asset.etag}} … of the corpus.
 */
public final class CorpusFixtures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z.]+)}");
    private final CorpusHttp http;
    private final String fixMark;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Deque<Runnable> cleanup = new ArrayDeque<>();

    public CorpusFixtures(CorpusHttp http, String run) {
        this.http = http;
        this.fixMark = "fix" + run;
    }

    /** Looks up the demo plant's objects and creates the run's own. */
    public void create() {
        JsonNode nodes = http.json("viewer", "GET", "/api/v1/sites?limit=500", null, 200).json().path("items");
        values.put("site.id", first(nodes, "level", "site").path("id").asText());
        values.put("line.id", first(nodes, "level", "line").path("id").asText());
        values.put("plant.asset", http.json("viewer", "GET", "/api/v1/assets?limit=1&sort=tag&line="
                + values.get("line.id"), null, 200).json().path("items").path(0).path("tag").asText());
        // a released firmware the run's own S7-1212C can take (other tests leave releases of other models around)
        values.put("firmware.id", http.json("viewer", "GET", "/api/v1/firmware?state=released&model=S7-1212C&limit=1",
                null, 200).json().path("items").path(0).path("id").asText());
        values.put("vendorKey.id", http.json("viewer", "GET", "/api/v1/firmware/vendor-keys", null, 200).json()
                .path(0).path("id").asText());
        values.put("random.uuid", UUID.randomUUID().toString());
        values.put("big", "b".repeat(65_536)); // over the gateway's 8 KiB request line and header buffers

        String tag = "CORPUS-" + fixMark.toUpperCase();
        values.put("asset.tag", tag);
        CorpusHttp.Answer asset = http.json("engineer", "POST", "/api/v1/assets", Map.of("tag", tag,
                "name", "bad-input corpus " + fixMark, "domain", "OT", "type", "plc", "vendor", "Siemens",
                "model", "S7-1212C", "firmwareVersion", "V4.0.0", "criticality", "low", "status", "active",
                "labels", Map.of("purpose", fixMark)), 201);
        own("asset", asset, "/api/v1/assets/");

        own("zone", http.json("engineer", "POST", "/api/v1/zones", Map.of("name", "corpus zone " + fixMark,
                "slTarget", 2), 201), "/api/v1/zones/");

        own("alarmRule", http.json("engineer", "POST", "/api/v1/kpis/alarm-rules", Map.of(
                "scope", "line:" + values.get("line.id"), "metric", fixMark + ".temperature", "operator", ">",
                "threshold", 1.0e9, "severity", "info", "enabled", false, "description", "corpus " + fixMark), 201),
                "/api/v1/kpis/alarm-rules/");

        // a rule of the run's own, matching only the run's own event: an alert of the run's own to send bad input to
        CorpusHttp.Answer rule = http.json("analyst", "POST", "/api/v1/security/rules", Map.of("id", fixMark,
                "level", 1, "description", "bad-input corpus " + fixMark,
                "match", List.of(Map.of("field", "message", "equals", fixMark))), 201);
        values.put("rule.id", fixMark);
        values.put("rule.etag", rule.headers().firstValue("ETag").orElse("\"1\""));
        String ruleEtag = values.get("rule.etag");
        cleanup.push(() -> removed(http.send("analyst", "DELETE", "/api/v1/security/rules/" + fixMark,
                Map.of("If-Match", ruleEtag), null), "security rule " + fixMark));
        String alertId = http.json("analyst", "POST", "/api/v1/security/events", List.of(Map.of("class_uid", 0,
                "message", fixMark)), 200).json().path("alerts").path(0).asText();
        if (alertId.isEmpty()) {
            throw new IllegalStateException("the run's own event raised no alert on rule " + fixMark);
        }
        values.put("alert.id", alertId);
        cleanup.push(() -> removed(http.send("analyst", "POST", "/api/v1/security/alerts/" + alertId + "/transition",
                Map.of("Content-Type", "application/json"), ("{\"state\": \"false-positive\", \"note\": \"bad-input"
                        + " corpus fixture\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)), "alert " + alertId));

        CorpusHttp.Answer campaign = http.json("engineer", "POST", "/api/v1/campaigns", Map.of(
                "name", "bad-input corpus " + fixMark, "firmwareId", values.get("firmware.id"),
                "target", Map.of("labels", Map.of("purpose", fixMark)),
                "plan", Map.of("canaryDevices", 1, "wavePercents", List.of(100), "maxLineShare", 1.0)), 201);
        values.put("campaign.id", campaign.json().path("id").asText());
        values.put("campaign.etag", campaign.headers().firstValue("ETag").orElse("\"1\""));
        String campaignId = values.get("campaign.id");
        cleanup.push(() -> removed(http.send("engineer", "POST", "/api/v1/campaigns/" + campaignId + "/cancel",
                Map.of(), null), "campaign " + campaignId));
    }

    private void own(String name, CorpusHttp.Answer created, String collection) {
        String id = created.json().path("id").asText();
        values.put(name + ".id", id);
        values.put(name + ".etag", created.headers().firstValue("ETag").orElse("\"1\""));
        cleanup.push(() -> removed(http.send("engineer", "DELETE", collection + id, Map.of(), null), collection + id));
    }

    private static void removed(CorpusHttp.Answer a, String what) {
        if (a.status() >= 300 && a.status() != 404) {
            throw new IllegalStateException(what + " → " + a.status() + " " + a.body());
        }
    }

    /** Removes the run's own objects, newest first; a failure to remove one does not keep the others. */
    public void remove() {
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().run();
            } catch (RuntimeException e) {
                System.err.println("corpus fixture not removed: " + e.getMessage());
            }
        }
    }

    /** Replaces {@code ${name}} placeholders; {@code extra} holds the case's own ({@code mark}). */
    public String resolve(String s, Map<String, String> extra) {
        if (s == null || s.indexOf("${") < 0) {
            return s;
        }
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = extra.containsKey(m.group(1)) ? extra.get(m.group(1)) : values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("unknown placeholder ${" + m.group(1) + "} in " + s);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    private static JsonNode first(JsonNode items, String field, String value) {
        for (JsonNode n : items) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new IllegalStateException("the demo plant has no node with " + field + "=" + value);
    }
}
