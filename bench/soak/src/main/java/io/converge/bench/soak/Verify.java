package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * After the load: what the services acknowledged is what they stored. Counted in each service's own database
 * (read only): the soak machines' points with a sample time inside the run, the security events by the ids of the
 * acknowledged batches, the soak campaigns' targets stored as succeeded; and through the gateway, the firmware
 * asset-service records for each PLC whose success was acknowledged (from patch-service's events, waited for).
 */
final class Verify {

    /** One check: what was acknowledged, what was found, and whether they agree. */
    record Check(String what, long acked, long stored, boolean ok, String note) {
    }

    private final Config cfg;

    Verify(Config cfg) {
        this.cfg = cfg;
    }

    Check points(IngestDriver ingest, List<UUID> machines) {
        if (ingest.first == null) {
            return new Check("telemetry points", 0, 0, true, "no ingest");
        }
        long n = count("telemetry", "SELECT count(*) FROM point WHERE asset_id = ANY(?) AND ts BETWEEN ? AND ?",
                (c, ps) -> {
                    ps.setArray(1, c.createArrayOf("uuid", machines.toArray()));
                    ps.setObject(2, OffsetDateTime.ofInstant(ingest.first, ZoneOffset.UTC));
                    ps.setObject(3, OffsetDateTime.ofInstant(ingest.last, ZoneOffset.UTC));
                });
        long acked = ingest.accepted.get();
        // a batch whose answer was lost (timeout) may be stored without an acknowledgement: stored ≥ acked then
        return new Check("telemetry points", acked, n, n == acked, String.format("%,d sent", ingest.sent.get()));
    }

    /** The MQTT points are stored after the broker acknowledged them: waits up to 60 s for the count to match. */
    Check mqttPoints(MqttDriver mqtt, List<UUID> sensors) {
        if (mqtt.first == null) {
            return new Check("MQTT points", 0, 0, true, "no MQTT");
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        long n;
        while (true) {
            n = count("telemetry", "SELECT count(*) FROM point WHERE asset_id = ANY(?) AND ts BETWEEN ? AND ?",
                    (c, ps) -> {
                        ps.setArray(1, c.createArrayOf("uuid", sensors.toArray()));
                        ps.setObject(2, OffsetDateTime.ofInstant(mqtt.first, ZoneOffset.UTC));
                        ps.setObject(3, OffsetDateTime.ofInstant(mqtt.last, ZoneOffset.UTC));
                    });
            if (n >= mqtt.acked.get() || System.nanoTime() > deadline) {
                break;
            }
            BenchException.sleep(1_000);
        }
        return new Check("MQTT points (QoS 1, PUBACK)", mqtt.acked.get(), n, n == mqtt.acked.get(),
                String.format("%,d published", mqtt.published.get()));
    }

    Check securityEvents(SecurityDriver security) {
        List<UUID> ids;
        synchronized (security.acked) {
            ids = List.copyOf(security.acked);
        }
        long n = ids.isEmpty() ? 0 : count("security", "SELECT count(*) FROM security_event WHERE id = ANY(?)",
                (c, ps) -> ps.setArray(1, c.createArrayOf("uuid", ids.toArray())));
        return new Check("security events", security.stored.get(), n, n == security.stored.get()
                && n == ids.size(), String.format("%,d sent, %,d in acknowledged batches, alerts raised %d,"
                        + " updated %d", security.sent.get(), ids.size(), security.alertsRaised.get(),
                        security.alertsUpdated.get()));
    }

    Check campaignSuccesses(CampaignDriver campaigns) {
        List<String> ids;
        synchronized (campaigns.campaigns) {
            ids = List.copyOf(campaigns.campaigns);
        }
        long n = ids.isEmpty() ? 0 : count("patch", "SELECT count(*) FROM campaign_target WHERE campaign_id = ANY(?)"
                + " AND deployment_state = 'succeeded'", (c, ps) -> ps.setArray(1, c.createArrayOf("uuid",
                        ids.stream().map(UUID::fromString).toArray())));
        long acked = campaigns.totals.successes.get();
        return new Check("device updates (succeeded)", acked, n, n == acked, String.format(
                "%d campaigns, %d completed; %,d feedback reports acknowledged of %,d", ids.size(),
                campaigns.completed.get(), campaigns.totals.reportsAcked.get(), campaigns.totals.reports.get()));
    }

    /** asset-service's firmware of each PLC = the version of its last acknowledged success (waits up to 90 s). */
    Check registryFirmware(Api api, String viewer, Fixture plant, Map<String, String> expected) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        long matching;
        while (true) {
            Map<String, String> seen = firmware(api, viewer, plant.fwSite);
            matching = expected.entrySet().stream().filter(e -> e.getValue().equals(seen.get(e.getKey()))).count();
            if (matching == expected.size() || System.nanoTime() > deadline) {
                break;
            }
            BenchException.sleep(2_000);
        }
        return new Check("firmware recorded in asset-service", expected.size(), matching,
                matching == expected.size(), "PLCs whose last acknowledged update is their registered firmware");
    }

    private Map<String, String> firmware(Api api, String viewer, UUID site) {
        Map<String, String> out = new HashMap<>();
        String cursor = null;
        do {
            Api.Answer page = api.call("gateway", "GET", cfg.api("/api/v1/assets?site=" + site + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor)), viewer, null);
            Fixture.expect(page, 200, "listing the soak PLCs");
            for (JsonNode a : page.body().path("items")) {
                out.put(a.path("tag").asText(), a.path("firmwareVersion").asText());
            }
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    private interface Binder {
        void bind(Connection c, PreparedStatement ps) throws SQLException;
    }

    private long count(String db, String sql, Binder binder) {
        try (Connection c = DriverManager.getConnection(cfg.db(db), cfg.dbUser(), cfg.dbPassword());
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(c, ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BenchException("counting in database " + db + " failed: " + e.getMessage(), e);
        }
    }
}
