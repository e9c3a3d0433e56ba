package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Firmware campaigns over the soak's own PLCs, one after the other for the whole run: a release of the run's own
 * ({@link Firmware}), a campaign over SOAK-FW-SITE (canary 2 devices, waves 25 % / 75 %) created and started by the
 * engineer and approved by the approver (four eyes), driven by the lines' {@link EdgeGateway}s; once it completed the
 * next one starts. The campaign still running at the end is cancelled.
 */
final class CampaignDriver {

    static final String CREATE = "POST /api/v1/campaigns";
    static final String ACTION = "POST /api/v1/campaigns/{id}/{action}";
    static final String STATE = "GET /api/v1/campaigns/{id}";

    final EdgeGateway.Totals totals = new EdgeGateway.Totals();
    final List<String> campaigns = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger completed = new AtomicInteger();
    volatile String open;

    private final Config cfg;
    private final Api api;
    private final Traffic traffic;
    private final Tokens tokens;
    private final String runId;
    private final AtomicInteger releases = new AtomicInteger();
    private Firmware firmware;

    CampaignDriver(Config cfg, Api api, Traffic traffic, Tokens tokens, String runId) {
        this.cfg = cfg;
        this.api = api;
        this.traffic = traffic;
        this.tokens = tokens;
        this.runId = runId;
    }

    /** Before the load: earlier runs' soak campaigns still going are cancelled; the run's vendor key. */
    void prepare() {
        if (cfg.campaignLines() == 0) {
            return;
        }
        String engineer = tokens.engineer();
        for (String state : List.of("draft", "pending-approval", "approved", "scheduled", "running", "paused")) {
            Api.Answer a = api.call("gateway", "GET", cfg.api("/api/v1/campaigns?limit=1000&state=" + state),
                    engineer, null);
            Fixture.expect(a, 200, "listing campaigns");
            for (JsonNode c : a.body().path("items")) {
                if (c.path("name").asText().startsWith("soak ")) {
                    SoakBench.log("cancelling campaign " + c.path("id").asText() + " of an earlier soak run");
                    Fixture.expect(api.call("gateway", "POST", cfg.api("/api/v1/campaigns/" + c.path("id").asText()
                            + "/cancel"), engineer, null), 200, "cancelling an earlier soak campaign");
                }
            }
        }
        firmware = new Firmware(cfg, api, traffic, engineer, runId);
    }

    List<Runnable> workers(Fixture plant, long t0, long deadline) {
        List<Runnable> out = new ArrayList<>();
        if (cfg.campaignLines() == 0) {
            return out;
        }
        out.add(() -> coordinate(plant, deadline));
        int n = plant.deviceLines.size();
        for (int l = 0; l < n; l++) {
            EdgeGateway g = new EdgeGateway(cfg, traffic, tokens, plant.deviceLines.get(l).tags(), totals);
            long first = t0 + cfg.campaignPeriod().toNanos() * l / n;
            out.add(() -> Pacer.every(cfg.campaignPeriod(), first, deadline, g::cycle));
        }
        return out;
    }

    private void coordinate(Fixture plant, long deadline) {
        while (System.nanoTime() < deadline) {
            int n = releases.incrementAndGet();
            String engineer = tokens.engineer();
            Firmware.Release fw = firmware.release(n, engineer);
            if (fw == null) {
                BenchException.sleep(5_000);   // recorded under the firmware routes
                continue;
            }
            Map<String, Object> plan = Map.of("canaryDevices", 2, "wavePercents", List.of(25, 75),
                    "maxLineShare", 1.0, "successThreshold", 95, "errorThreshold", 10);
            Traffic.Answer created = traffic.postJson(CREATE, cfg.api("/api/v1/campaigns"), engineer,
                    json(Map.of("name", "soak " + runId + " #" + n + " " + fw.version(), "firmwareId", fw.id(),
                            "target", Map.of("site", plant.fwSite.toString()), "plan", plan)));
            if (created.status() != 201) {
                BenchException.sleep(5_000);
                continue;
            }
            String id = created.json().path("id").asText();
            campaigns.add(id);
            open = id;
            if (!act(id, "submit", engineer) || !act(id, "approve", tokens.user("approver"))
                    || !act(id, "schedule", engineer) || !act(id, "start", engineer)) {
                BenchException.sleep(5_000);
                continue;
            }
            waitForCompletion(id, deadline);
        }
    }

    /** Follows the campaign (every 2 s) until it completed or the run is over; a pause is a failure, resumed. */
    private void waitForCompletion(String id, long deadline) {
        while (System.nanoTime() < deadline) {
            BenchException.sleep(2_000);
            Traffic.Answer a = traffic.get(STATE, cfg.api("/api/v1/campaigns/" + id), tokens.viewer());
            if (!a.ok()) {
                continue;
            }
            String state = a.json().path("state").asText();
            switch (state) {
                case "completed" -> {
                    completed.incrementAndGet();
                    open = null;
                    return;
                }
                case "paused" -> {
                    traffic.fail(STATE, "campaign paused", id + ": " + Api.snippet(a.body()));
                    act(id, "resume", tokens.engineer());
                }
                case "running" -> {
                    // on its way
                }
                default -> {
                    traffic.fail(STATE, "campaign " + state, id + ": " + Api.snippet(a.body()));
                    open = null;
                    return;
                }
            }
        }
    }

    private boolean act(String id, String action, String token) {
        return traffic.send(ACTION, "POST", cfg.api("/api/v1/campaigns/" + id + "/" + action), token, null, null)
                .status() == 200;
    }

    /** After the load: the campaign still running is cancelled; the run's firmware and key are revoked. */
    void finish(boolean keep) {
        if (firmware == null) {
            return;
        }
        String engineer = tokens.engineer();
        String id = open;
        if (id != null && !keep) {
            Api.Answer a = api.call("gateway", "POST", cfg.api("/api/v1/campaigns/" + id + "/cancel"), engineer, null);
            if (a.status() != 200 && a.status() != 409) {
                SoakBench.log("cancelling campaign " + id + " answered " + a.status() + ": " + Api.snippet(a.raw()));
            }
        }
        if (!keep) {
            firmware.retire(engineer);
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
