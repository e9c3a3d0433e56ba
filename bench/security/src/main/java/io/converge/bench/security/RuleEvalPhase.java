package io.converge.bench.security;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.security.domain.JsonEvents;
import io.converge.security.domain.Rule;
import io.converge.security.domain.RuleEngine;
import io.converge.security.domain.RuleParser;
import io.converge.security.domain.SecurityEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Phase A: the service's own {@link RuleEngine} over the shipped rule set, on one thread, with a realistic mix of
 * normalized and enriched events (logons, badges, connections across zones, controller syslog lines, findings,
 * firmware changes). Baseline: the floor loop every evaluation does anyway — read class_uid and look up its rules.
 */
final class RuleEvalPhase {

    record Result(int rules, int events, double eventsPerSecond, double floorPerSecond, long matches) {
    }

    private RuleEvalPhase() {
    }

    static Result run(int n, int runs) throws Exception {
        List<Rule> rules = RuleParser.loadDefault();
        List<SecurityEvent> events = events(n);
        Map<Long, List<Rule>> byClass = new HashMap<>();
        rules.forEach(r -> byClass.computeIfAbsent((long) (r.id().hashCode() & 7), k -> new ArrayList<>()).add(r));
        for (int w = 0; w < 3; w++) {
            evaluate(rules, events);
            floor(byClass, events);
        }
        double[] rate = new double[runs];
        double[] floor = new double[runs];
        long matches = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            matches = evaluate(rules, events);
            rate[i] = n / ((System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            floor(byClass, events);
            floor[i] = n / ((System.nanoTime() - t1) / 1e9);
        }
        return new Result(rules.size(), n, median(rate), median(floor), matches);
    }

    private static long evaluate(List<Rule> rules, List<SecurityEvent> events) {
        RuleEngine engine = new RuleEngine(rules);
        long m = 0;
        for (SecurityEvent e : events) {
            m += engine.evaluate(e).size();
        }
        return m;
    }

    static volatile int sink;

    private static void floor(Map<Long, List<Rule>> byClass, List<SecurityEvent> events) {
        int s = 0;
        for (SecurityEvent e : events) {
            Object c = e.field("class_uid");
            List<Rule> l = byClass.get(c instanceof Long x ? x & 7 : 0L);
            s += l == null ? 0 : l.size();
        }
        sink = s;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** A deterministic mix; context fields stand for what the enricher adds. */
    static List<SecurityEvent> events(int n) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        JsonEvents json = new JsonEvents(Clock.fixed(t0.plusSeconds(86_400 * 30), java.time.ZoneOffset.UTC));
        JsonNodeFactory f = JsonNodeFactory.instance;
        String[] types = {"plc", "hmi", "engineering-workstation", "drive", "sensor", "server"};
        String[] crit = {"low", "medium", "high", "critical"};
        String[] messages = {"cyclic read of DB10", "program download to CPU 1516 by ews-3", "Setpoint changed on TIC-101",
            "alarm acknowledged for PT-301", "alarm suppressed for PT-301", "connection established"};
        List<SecurityEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode e = f.objectNode();
            Map<String, Object> ctx = new HashMap<>();
            int k = rnd.nextInt(100);
            String user = "user-" + rnd.nextInt(500);
            String ip = "10." + rnd.nextInt(4) + "." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255);
            if (k < 30) {
                e.put("kind", "logon-failure").put("user", user).put("srcIp", ip).put("dstIp", "10.50.0."
                        + rnd.nextInt(1, 255));
            } else if (k < 40) {
                e.put("kind", "logon-success").put("user", user).put("srcIp", ip).put("dstIp", "10.50.0."
                        + rnd.nextInt(1, 255));
                ctx.put("site.in_maintenance_window", rnd.nextBoolean());
            } else if (k < 55) {
                e.put("kind", rnd.nextInt(4) == 0 ? "badge-denied" : "badge-granted").put("person", user)
                        .put("door", "D-" + rnd.nextInt(40));
            } else if (k < 80) {
                e.put("kind", "connection").put("srcIp", ip).put("dstIp", "10.60." + rnd.nextInt(8) + "."
                        + rnd.nextInt(1, 255)).put("dstPort", new int[] {443, 502, 102, 22, 3389, 80, 23}[rnd.nextInt(7)])
                        .put("action", rnd.nextInt(5) == 0 ? "denied" : "allowed");
                ctx.put("dst_asset.zone.sl_t", (long) rnd.nextInt(5));
                ctx.put("conduit.declared", rnd.nextInt(10) != 0);
                ctx.put("src_asset.domain", rnd.nextBoolean() ? "IT" : "OT");
                ctx.put("dst_asset.domain", "OT");
            } else if (k < 90) {
                e.put("class_uid", 0).put("message", messages[rnd.nextInt(messages.length)]);
            } else if (k < 95) {
                e.put("class_uid", 2004).putObject("finding_info").putArray("types").add(
                        new String[] {"unknown-device", "telemetry-from-quarantined-asset", "door-forced"}[rnd.nextInt(3)]);
            } else {
                e.put("class_uid", 5019).putObject("unmapped").putObject("firmware").put("current", "2." + rnd.nextInt(9));
                ctx.put("campaign.covering", rnd.nextInt(20) != 0);
            }
            e.put("time", t0.plusMillis(i).toString());
            ctx.put("asset.type", types[rnd.nextInt(types.length)]);
            ctx.put("asset.domain", rnd.nextBoolean() ? "OT" : "IT");
            ctx.put("asset.criticality", crit[rnd.nextInt(4)]);
            ctx.put("asset.status", rnd.nextInt(50) == 0 ? "quarantined" : "active");
            out.add(json.normalize(e, "bench").withFields(ctx));
        }
        return out;
    }
}
