package io.converge.bench.patch;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import io.converge.bench.common.Tokens;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * bench/patch: the wave planner and a campaign created over the fleet (phase A), then simulated devices working
 * through the device protocol while the campaign runs (phase B). Targets: planning 100,000 targets < 3 s, device
 * feedback ≥ 5,000 updates/s, nothing acknowledged lost. Exit 2 when the run could not be done, 1 when a target is
 * missed and STRICT=1, else 0.
 */
public final class PatchBench {

    private final Config cfg;
    private final String runId = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
            .format(Instant.now());

    private PatchBench(Config cfg) {
        this.cfg = cfg;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new PatchBench(Config.fromEnv(System.getenv())).run();
        } catch (BenchException e) {
            System.out.flush();
            System.err.println("bench/patch: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    static void log(String s) {
        System.out.println("==> " + s);
    }

    private int run() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api(http, "patch", Duration.ofSeconds(300));
        Tokens tokens = new Tokens(http, cfg.realm());
        String engineer = tokens.engineer();
        Catalog.expect(api.call("patch-service", "GET", cfg.patchUrl() + "/q/health/ready", null, null), 200,
                "patch-service readiness");
        Catalog.expect(api.call("asset-service", "GET", cfg.assetUrl() + "/q/health/ready", null, null), 200,
                "asset-service readiness");

        stopEarlierRuns(api, engineer);
        UUID site = new Fleet(api, cfg, engineer).ensure();
        openWindow(api, engineer, site);

        log("phase A: the wave planner on " + cfg.targets() + " generated targets");
        PlanPhase.PlannerFigures planner = PlanPhase.planner(cfg.targets(), cfg.plannerRuns());
        log(String.format("planner %.0f ms (median of %d), sort %.0f ms, ratio %.1f; waves %s",
                planner.planMedianMs(), cfg.plannerRuns(), planner.sortMedianMs(), planner.ratio(),
                planner.waveSizes()));
        String firmware = new Catalog(http, api, cfg, engineer).releasedFirmware("2." + runId);
        log("phase A: a campaign over the fleet through the API");
        PlanPhase.CampaignFigures campaign = PlanPhase.campaign(api, cfg, site, firmware, engineer, tokens.viewer());
        log(String.format("campaign of %,d targets created in %.2f s; listing them from asset-service %.2f s;"
                + " ratio %.2f; waves %s", campaign.targets(), campaign.createSeconds(), campaign.listSeconds(),
                campaign.ratio(), campaign.waveSizes()));

        String id = campaign.campaignId();
        act(api, engineer, id, "submit");
        act(api, tokens.user("approver"), id, "approve");
        act(api, engineer, id, "schedule");
        act(api, engineer, id, "start");
        List<String> tags = tags(api, tokens.viewer(), id, Math.min(cfg.devices() + cfg.gatewayDevices(),
                campaign.targets()));

        vacuum();
        FeedbackLoad load = new FeedbackLoad(http, cfg, tokens);
        log("phase B: baseline GET /q/health/live, " + cfg.connections() + " connections, "
                + cfg.baselineDuration().toSeconds() + " s");
        double floor = load.baseline();
        log(String.format("baseline %,.0f req/s", floor));
        List<String> single = tags.subList(0, Math.min(cfg.devices(), tags.size()));
        log("phase B, one device per call: " + single.size() + " devices, " + cfg.connections()
                + " connections, at most " + cfg.duration().toSeconds() + " s");
        FeedbackLoad.Figures f = load.run(single);
        FeedbackLoad.Figures g = null;
        if (cfg.gatewayDevices() > 0 && f.taken() < tags.size()) {
            List<String> rest = tags.subList(f.taken(), Math.min(tags.size(), f.taken() + cfg.gatewayDevices()));
            log("phase B, gateway calls: " + rest.size() + " devices, " + cfg.gatewayBatch() + " per call, "
                    + cfg.gatewayConnections() + " connections, at most " + cfg.duration().toSeconds() + " s");
            g = load.runGateway(rest, cfg.gatewayBatch());
        }
        long stored = succeeded(id);
        if (!cfg.keep()) {
            act(api, engineer, id, "cancel");
        }
        return Report.print(cfg, planner, campaign, floor, f, g, stored);
    }

    /** Campaigns of earlier runs still going would hold the same devices: cancel them. */
    private void stopEarlierRuns(Api api, String engineer) {
        for (String state : List.of("scheduled", "running", "paused")) {
            Api.Answer a = api.call("patch-service", "GET", cfg.patchUrl() + "/api/v1/campaigns?limit=1000&state="
                    + state, engineer, null);
            Catalog.expect(a, 200, "listing campaigns");
            a.body().path("items").forEach(c -> {
                if (c.path("name").asText().startsWith("bench ")) {
                    log("cancelling campaign " + c.path("id").asText() + " of an earlier run");
                    act(api, engineer, c.path("id").asText(), "cancel");
                }
            });
        }
    }

    /** The bench site's maintenance window: always open (opens every minute for 2 h). */
    private void openWindow(Api api, String engineer, UUID site) {
        String url = cfg.patchUrl() + "/api/v1/campaigns/windows/" + site;
        Api.Answer now = api.call("patch-service", "GET", url, engineer, null);
        Map<String, String> body = Map.of("cron", "* * * * *", "duration", "PT2H", "zone", "UTC");
        if (now.status() == 200 && "* * * * *".equals(now.body().path("cron").asText())) {
            return;
        }
        Api.Answer put = api.call("patch-service", "PUT", url, engineer, body,
                now.status() == 200 && now.etag() != null ? Map.of("If-Match", now.etag()) : Map.of());
        if (put.status() != 200 && put.status() != 201) {
            throw new BenchException("setting the bench site's window answered " + put.status() + ": "
                    + Api.snippet(put.raw()));
        }
    }

    private void act(Api api, String token, String id, String action) {
        Catalog.expect(api.call("patch-service", "POST", cfg.patchUrl() + "/api/v1/campaigns/" + id + "/" + action,
                token, null), 200, action + " of campaign " + id);
    }

    /** The first {@code n} targets in plan order (canary first). */
    private List<String> tags(Api api, String viewer, String id, int n) {
        List<String> out = new ArrayList<>(n);
        String cursor = null;
        while (out.size() < n) {
            Api.Answer page = api.call("patch-service", "GET", cfg.patchUrl() + "/api/v1/campaigns/" + id
                    + "/targets?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), viewer, null);
            Catalog.expect(page, 200, "listing the campaign's targets");
            page.body().path("items").forEach(t -> {
                if (out.size() < n) {
                    out.add(t.path("tag").asText());
                }
            });
            if (!page.body().path("nextCursor").isTextual()) {
                break;
            }
            cursor = page.body().path("nextCursor").asText();
        }
        return out;
    }

    /**
     * Fresh statistics and no dead rows in the tables phase B works on, as a server with autovacuum keeps them (a
     * campaign of 100,000 targets was just inserted; earlier runs' outbox rows were deleted).
     */
    private void vacuum() {
        try (Connection c = DriverManager.getConnection(cfg.patchDb(), cfg.dbUser(), cfg.dbPassword());
                java.sql.Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) campaign_target, campaign_wave_count, campaign, outbox");
        } catch (SQLException e) {
            throw new BenchException("VACUUM ANALYZE of patch-service's tables failed: " + e.getMessage(), e);
        }
    }

    /** Targets of the campaign stored as succeeded. */
    private long succeeded(String campaign) {
        try (Connection c = DriverManager.getConnection(cfg.patchDb(), cfg.dbUser(), cfg.dbPassword());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM campaign_target WHERE campaign_id = ?"
                        + " AND deployment_state = 'succeeded'")) {
            s.setObject(1, UUID.fromString(campaign));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BenchException("counting the stored results failed: " + e.getMessage(), e);
        }
    }
}
