package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.junit.jupiter.api.Test;

/**
 * Telemetry in over MQTT (plain JSON and Sparkplug B, straight to the broker as devices do) and HTTP (through the
 * gateway with the device token) → telemetry-service's latest values and downsampled series, and kpi-service's OEE
 * of the test's own line — all equal to figures computed by hand below.
 *
 * <p>The line has two machines. kpi-service is set up as the demo set-up does it: the line's bindings (state, down
 * reason, good and scrap counters), the site's shift calendar, a production order with the ideal cycle time. Every
 * point carries an explicit timestamp in the last few minutes; T = a whole minute 5 minutes ago.
 */
class TelemetryOeeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final double EPS = 1e-9;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Test
    void pointsOverMqttAndHttpGiveTheLatestValuesSeriesAndOeeComputedByHand() throws Exception {
        Plant plant = new Plant("OEE");
        String filler = "E2E-OEE-" + plant.run + "-FILLER";
        String capper = "E2E-OEE-" + plant.run + "-CAPPER";
        plant.asset(filler, "plc", "FL-1", "1.0.0", "medium", plant.lineId);
        plant.asset(capper, "plc", "CP-1", "1.0.0", "medium", plant.lineId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));

        // kpi-service: bindings of the line, the site's calendar, the line's production order (PRI 2 s per unit)
        put("/api/v1/kpis/bindings/line:" + plant.lineId, Map.of("stateMetric", "machine.state",
                "downReasonMetric", "machine.reason", "goodCountMetric", "count.good",
                "scrapCountMetric", "count.scrap"));
        // shifts around the clock every day; one break: [T+120 s, T+180 s)
        List<Map<String, String>> shifts = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            shifts.add(Map.of("day", d.name(), "start", "00:00", "end", "00:00"));
        }
        Instant breakStart = t.plusSeconds(120);
        put("/api/v1/kpis/calendars/" + plant.siteId, Map.of("zone", "UTC", "shifts", shifts,
                "breaks", List.of(Map.of("day", breakStart.atZone(ZoneOffset.UTC).getDayOfWeek().name(),
                        "start", HHMM.format(breakStart), "end", HHMM.format(breakStart.plusSeconds(60)))),
                "plannedDowntime", List.of()));
        Gateway.Answer order = Gateway.call("engineer", "POST", "/api/v1/kpis/orders", Map.of(
                "orderNumber", "E2E-" + plant.run, "lineId", plant.lineId, "product", "E2E bottle",
                "plannedQuantity", 1000, "idealCycleSeconds", 2, "startsAt", t.minus(Duration.ofHours(1)).toString(),
                "endsAt", t.plus(Duration.ofHours(1)).toString()));
        assertEquals(201, order.status(), order.body());

        // telemetry-service and kpi-service learn the new assets from converge.asset.events
        await("telemetry-service accepts points of both machines", () -> Gateway.device("POST",
                "/api/v1/telemetry/points", List.of(point(filler, "e2e.probe", t.minusSeconds(60), 0),
                        point(capper, "e2e.probe", t.minusSeconds(60), 0))),
                a -> a.status() == 200 && a.json().path("accepted").asInt() + a.json().path("duplicates").asInt() == 2);
        for (String tag : List.of(filler, capper)) {
            await("kpi-service knows " + tag, () -> Gateway.get("viewer", oee("asset:" + tag, t, "PT3M")),
                    a -> a.status() == 200);
        }

        // FILLER over MQTT, plain JSON on converge/{site}/{tag}/telemetry, one message per instant:
        //   T+0 running, good 0, scrap 0; T+45 down (jam); T+60 running, good 20, scrap 2; T+120 idle (the break),
        //   good 45, scrap 5; T+180 running, good 45, scrap 5; T+210 running, good 45, scrap 5 (closes T+180)
        Object[][] fillerSeq = {
                {0, "running", 0, 0}, {45, "down", null, null}, {60, "running", 20, 2}, {120, "idle", 45, 5},
                {180, "running", 45, 5}, {210, "running", 45, 5}};
        MqttClient mqtt = mqtt();
        try {
            String topic = "converge/E2E-OEE-" + plant.run + "-S/" + filler + "/telemetry";
            for (Object[] s : fillerSeq) {
                Instant ts = t.plusSeconds((Integer) s[0]);
                List<Map<String, Object>> points = new ArrayList<>();
                points.add(Map.of("metric", "machine.state", "ts", ts.toString(), "value", s[1]));
                if ("down".equals(s[1])) {
                    points.add(Map.of("metric", "machine.reason", "ts", ts.toString(), "value", "jam"));
                } else {
                    points.add(Map.of("metric", "count.good", "ts", ts.toString(), "value", s[2]));
                    points.add(Map.of("metric", "count.scrap", "ts", ts.toString(), "value", s[3]));
                }
                mqtt.publish(topic, Gateway.JSON.writeValueAsBytes(points), 1, false);
            }

            // CAPPER's temperature over Sparkplug B: the device id is its tag; birth 40.0 at T+0, data by alias
            // 41.5 at T+60 and 43.0 at T+120
            String group = "E2E" + plant.run;
            String edge = "EDGE-" + plant.run;
            mqtt.publish("spBv1.0/" + group + "/NBIRTH/" + edge, Payload.newBuilder()
                    .setTimestamp(t.toEpochMilli()).setSeq(0)
                    .addMetrics(Payload.Metric.newBuilder().setName("bdSeq").setDatatype(DataType.Int64_VALUE)
                            .setLongValue(0))
                    .addMetrics(Payload.Metric.newBuilder().setName("Node Control/Rebirth")
                            .setDatatype(DataType.Boolean_VALUE).setBooleanValue(false))
                    .build().toByteArray(), 1, false);
            mqtt.publish("spBv1.0/" + group + "/DBIRTH/" + edge + "/" + capper, Payload.newBuilder()
                    .setTimestamp(t.toEpochMilli()).setSeq(1)
                    .addMetrics(Payload.Metric.newBuilder().setName("temperature").setAlias(1)
                            .setDatatype(DataType.Double_VALUE).setDoubleValue(40.0).setTimestamp(t.toEpochMilli()))
                    .build().toByteArray(), 1, false);
            for (int i = 1; i <= 2; i++) {
                long ms = t.plusSeconds(60L * i).toEpochMilli();
                mqtt.publish("spBv1.0/" + group + "/DDATA/" + edge + "/" + capper, Payload.newBuilder()
                        .setTimestamp(ms).setSeq(1 + i).addMetrics(Payload.Metric.newBuilder().setAlias(1)
                                .setDoubleValue(40.0 + 1.5 * i).setTimestamp(ms))
                        .build().toByteArray(), 1, false);
            }
        } finally {
            mqtt.disconnect(5000);
            mqtt.close();
        }

        // CAPPER over HTTP through the gateway (device token), one batch:
        //   T+0 running, good 100, scrap 10; T+60 good 130, scrap 10; T+90 idle; T+100 running;
        //   T+120 good 150, scrap 12; T+180 good 150, scrap 12; T+210 running, good 150, scrap 12 (closes T+180);
        //   motor.current every 10 s from T+0 to T+170: 10, 11, …, 27
        List<Map<String, Object>> http = new ArrayList<>();
        for (Object[] s : new Object[][] {{0, "running"}, {90, "idle"}, {100, "running"}, {210, "running"}}) {
            http.add(point(capper, "machine.state", t.plusSeconds((Integer) s[0]), s[1]));
        }
        for (int[] c : new int[][] {{0, 100, 10}, {60, 130, 10}, {120, 150, 12}, {180, 150, 12}, {210, 150, 12}}) {
            http.add(point(capper, "count.good", t.plusSeconds(c[0]), c[1]));
            http.add(point(capper, "count.scrap", t.plusSeconds(c[0]), c[2]));
        }
        for (int i = 0; i < 18; i++) {
            http.add(point(capper, "motor.current", t.plusSeconds(10L * i), 10 + i));
        }
        Gateway.Answer sent = Gateway.device("POST", "/api/v1/telemetry/points", http);
        assertEquals(200, sent.status(), sent.body());
        assertEquals(http.size(), sent.json().path("accepted").asInt(), sent.body());

        // latest values: the newest point of each metric, whichever way it came
        Map<String, JsonNode> fl = await("FILLER's MQTT points stored", () -> latest(filler),
                m -> m.containsKey("machine.reason") && m.containsKey("count.scrap")
                        && Instant.parse(m.get("count.scrap").path("ts").asText()).equals(t.plusSeconds(210)));
        assertLatest(fl, "machine.state", t, 210, null, "running");
        assertLatest(fl, "machine.reason", t, 45, null, "jam");
        assertLatest(fl, "count.good", t, 210, 45.0, null);
        assertLatest(fl, "count.scrap", t, 210, 5.0, null);
        Map<String, JsonNode> cl = await("CAPPER's Sparkplug points stored", () -> latest(capper),
                m -> m.containsKey("temperature")
                        && Instant.parse(m.get("temperature").path("ts").asText()).equals(t.plusSeconds(120)));
        assertLatest(cl, "temperature", t, 120, 43.0, null);
        assertLatest(cl, "machine.state", t, 210, null, "running");
        assertLatest(cl, "count.good", t, 210, 150.0, null);
        assertLatest(cl, "motor.current", t, 170, 27.0, null);

        // series, downsampled into 1-minute buckets over [T, T+180 s):
        //   motor.current avg: (10+…+15)/6 = 12.5, (16+…+21)/6 = 18.5, (22+…+27)/6 = 24.5; 6 points each
        //   motor.current max: 15, 21, 27
        //   FILLER count.good (MQTT) last: 0 (T+0), 20 (T+60), 45 (T+120) — T+180 is outside [T, T+180)
        //   CAPPER temperature (Sparkplug B) avg: 40.0, 41.5, 43.0
        assertSeries(series(capper, "motor.current", t, "avg"), t, new double[] {12.5, 18.5, 24.5},
                new long[] {6, 6, 6});
        assertSeries(series(capper, "motor.current", t, "max"), t, new double[] {15, 21, 27}, new long[] {6, 6, 6});
        assertSeries(series(filler, "count.good", t, "last"), t, new double[] {0, 20, 45}, new long[] {1, 1, 1});
        assertSeries(series(capper, "temperature", t, "avg"), t, new double[] {40.0, 41.5, 43.0},
                new long[] {1, 1, 1});

        // OEE by hand, per machine and 1-minute window; planned busy time (PBT) = the window minus the break
        // [T+120, T+180). APT = running time inside PBT; PQ = good + scrap counted; ideal time = PQ × 2 s.
        //   FILLER [T, T+60):     PBT 60, APT 45 (down 45–60), good 20, scrap 2 → PQ 22
        //   FILLER [T+60, T+120): PBT 60, APT 60,               good 25, scrap 3 → PQ 28
        //   FILLER [T+120,T+180): PBT 0,  APT 0 (break),        good 0,  scrap 0
        //   CAPPER [T, T+60):     PBT 60, APT 60,               good 30, scrap 0 → PQ 30
        //   CAPPER [T+60, T+120): PBT 60, APT 30 + 20 = 50 (idle 90–100), good 20, scrap 2 → PQ 22
        //   CAPPER [T+120,T+180): PBT 0,  APT 0,                good 0,  scrap 0
        // The line, whole range: PBT = 240, APT = 105 + 110 = 215, PQ = 50 + 52 = 102, GQ = 45 + 50 = 95,
        //   ideal = 102 × 2 = 204 s
        //   A = 215/240 = 0.8958333…, E = 204/215 = 0.9488372…, Q = 95/102 = 0.9313725…,
        //   OEE = A × E × Q = 204/240 × 95/102 = 190/240 = 0.7916666…
        JsonNode line = await("the line's six windows with all points", () -> Gateway.get("viewer",
                oee("line:" + plant.lineId, t, "PT1M")).json(),
                j -> j != null && j.path("total").path("producedQuantity").asDouble() == 102
                        && j.path("total").path("actualProductionSeconds").asDouble() == 215
                        && windows(j) == 6);
        JsonNode total = line.path("total");
        assertFigures(total, 240, 215, 102, 95, 204);
        assertKpi(total, "availability", 215.0 / 240);
        assertKpi(total, "effectiveness", 204.0 / 215);
        assertKpi(total, "quality", 95.0 / 102);
        assertKpi(total, "oee", 190.0 / 240);
        // per 1-minute bucket of the line:
        //   [T, T+60):     PBT 120, APT 105, PQ 52, GQ 50, ideal 104 → A 105/120 = 0.875, E 104/105, Q 50/52,
        //                  OEE 104/120 × 50/52 = 100/120 = 0.8333…
        //   [T+60, T+120): PBT 120, APT 110, PQ 50, GQ 45, ideal 100 → A 110/120, E 100/110, Q 0.9, OEE 0.75
        //   [T+120,T+180): the break: PBT 0 → availability undefined ("PBT is 0"), and so OEE
        JsonNode b = line.path("buckets");
        assertEquals(3, b.size(), line.toString());
        assertEquals(t.toString(), Instant.parse(b.get(0).path("start").asText()).toString());
        assertFigures(b.get(0).path("figures"), 120, 105, 52, 50, 104);
        assertKpi(b.get(0).path("figures"), "availability", 0.875);
        assertKpi(b.get(0).path("figures"), "effectiveness", 104.0 / 105);
        assertKpi(b.get(0).path("figures"), "quality", 50.0 / 52);
        assertKpi(b.get(0).path("figures"), "oee", 100.0 / 120);
        assertFigures(b.get(1).path("figures"), 120, 110, 50, 45, 100);
        assertKpi(b.get(1).path("figures"), "availability", 110.0 / 120);
        assertKpi(b.get(1).path("figures"), "effectiveness", 100.0 / 110);
        assertKpi(b.get(1).path("figures"), "quality", 0.9);
        assertKpi(b.get(1).path("figures"), "oee", 0.75);
        JsonNode inBreak = b.get(2).path("figures");
        assertEquals(0, inBreak.path("plannedBusySeconds").asDouble(), inBreak.toString());
        assertEquals("PBT is 0", inBreak.path("availability").path("reason").asText(), inBreak.toString());
        assertFalse(inBreak.path("oee").has("value") && !inBreak.path("oee").path("value").isNull(),
                inBreak.toString());

        // one machine alone: FILLER over [T, T+180) — PBT 120, APT 105, PQ 50, GQ 45, ideal 100:
        //   A = 0.875, E = 100/105 = 0.952381…, Q = 0.9, OEE = 100/120 × 0.9 = 0.75
        JsonNode f = Gateway.get("viewer", oee("asset:" + filler, t, "PT3M")).json().path("total");
        assertFigures(f, 120, 105, 50, 45, 100);
        assertKpi(f, "availability", 0.875);
        assertKpi(f, "effectiveness", 100.0 / 105);
        assertKpi(f, "quality", 0.9);
        assertKpi(f, "oee", 0.75);
    }

    private static Map<String, Object> point(String asset, String metric, Instant ts, Object value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("asset", asset);
        p.put("metric", metric);
        p.put("ts", ts.toString());
        p.put("value", value);
        return p;
    }

    private static void put(String path, Object body) {
        Gateway.Answer a = Gateway.call("engineer", "PUT", path, body);
        assertEquals(201, a.status(), path + ": " + a.body());
    }

    private static String oee(String scope, Instant t, String bucket) {
        return "/api/v1/kpis/oee?scope=" + scope + "&from=" + t + "&to=" + t.plusSeconds(180) + "&bucket=" + bucket;
    }

    private static int windows(JsonNode series) {
        int n = 0;
        for (JsonNode b : series.path("buckets")) {
            n += b.path("windows").asInt();
        }
        return n;
    }

    private static MqttClient mqtt() throws Exception {
        String url = System.getProperty("converge.mqtt.url", "tcp://127.0.0.1:1883");
        MqttClient c = new MqttClient(url, "e2e-oee-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(10);
        o.setMaxInflight(100);
        c.connect(o);
        return c;
    }

    /** Metric → its latest entry (ts, value, state, quality). */
    private static Map<String, JsonNode> latest(String tag) {
        Gateway.Answer a = Gateway.get("viewer", "/api/v1/telemetry/latest?asset=" + tag);
        assertEquals(200, a.status(), a.body());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        a.json().path("metrics").forEach(m -> out.put(m.path("metric").asText(), m));
        return out;
    }

    private static void assertLatest(Map<String, JsonNode> latest, String metric, Instant t, int seconds,
            Double value, String state) {
        JsonNode m = latest.get(metric);
        assertFalse(m == null, metric + " missing in " + latest);
        assertEquals(t.plusSeconds(seconds), Instant.parse(m.path("ts").asText()), m.toString());
        if (value != null) {
            assertEquals(value, m.path("value").asDouble(), EPS, m.toString());
        }
        if (state != null) {
            assertEquals(state, m.path("state").asText(), m.toString());
        }
    }

    private static JsonNode series(String tag, String metric, Instant t, String agg) {
        Gateway.Answer a = Gateway.get("viewer", "/api/v1/telemetry/series?asset=" + tag + "&metric=" + metric
                + "&from=" + t + "&to=" + t.plusSeconds(180) + "&bucket=1m&agg=" + agg);
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    private static void assertSeries(JsonNode series, Instant t, double[] values, long[] counts) {
        JsonNode p = series.path("points");
        assertEquals(values.length, p.size(), series.toString());
        for (int i = 0; i < values.length; i++) {
            assertEquals(t.plusSeconds(60L * i), Instant.parse(p.get(i).path("ts").asText()), series.toString());
            assertEquals(values[i], p.get(i).path("value").asDouble(), EPS, series.toString());
            assertEquals(counts[i], p.get(i).path("count").asLong(), series.toString());
        }
    }

    private static void assertFigures(JsonNode f, double pbt, double apt, double pq, double gq, double ideal) {
        assertEquals(pbt, f.path("plannedBusySeconds").asDouble(), EPS, f.toString());
        assertEquals(apt, f.path("actualProductionSeconds").asDouble(), EPS, f.toString());
        assertEquals(pq, f.path("producedQuantity").asDouble(), EPS, f.toString());
        assertEquals(gq, f.path("goodQuantity").asDouble(), EPS, f.toString());
        assertEquals(pq - gq, f.path("scrapQuantity").asDouble(), EPS, f.toString());
        assertEquals(ideal, f.path("idealProductionSeconds").asDouble(), EPS, f.toString());
        assertEquals(0, f.path("unorderedQuantity").asDouble(), EPS, f.toString());
    }

    private static void assertKpi(JsonNode f, String kpi, double expected) {
        assertEquals(expected, f.path(kpi).path("value").asDouble(Double.NaN), EPS, kpi + " in " + f);
    }

    /** Polls until {@code done} holds (45 s at most); fails with the last answer. */
    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        return Poll.until(what, TIMEOUT, probe, done);
    }
}
