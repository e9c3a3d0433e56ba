package io.converge.bench.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The final table and verdict of a run: points/s per phase, the http/copy ratio, the MQTT rate, lost points. */
final class Report {

    private Report() {
    }

    static int print(Config cfg, List<PhaseResult> results) {
        System.out.println();
        System.out.printf("%-6s %10s %9s %11s %10s %8s  %s%n", "phase", "points", "seconds", "points/s", "rows",
                "lost", "notes");
        for (PhaseResult r : results) {
            System.out.printf(Locale.ROOT, "%-6s %10s %9s %11s %10s %8s  %s%n", r.phase(), fmt(r.sent()),
                    Double.isNaN(r.seconds()) ? "-" : String.format(Locale.ROOT, "%.3f", r.seconds()),
                    Double.isNaN(r.rate()) ? "-" : fmt(Math.round(r.rate())),
                    r.rows() < 0 ? "-" : fmt(r.rows()), r.rows() < 0 ? "-" : fmt(r.lost()),
                    r.completed() ? r.notes() : "FAILED: " + r.error());
            for (String p : r.problems()) {
                System.out.println("       ! " + p);
            }
        }
        System.out.println();
        PhaseResult copy = find(results, "copy");
        PhaseResult http = find(results, "http");
        PhaseResult mqtt = find(results, "mqtt");
        List<Boolean> verdicts = new ArrayList<>();
        if (copy != null && http != null) {
            if (copy.completed() && http.completed()) {
                double ratio = http.rate() / copy.rate();
                boolean met = ratio >= cfg.targetRatio();
                verdicts.add(met);
                System.out.printf(Locale.ROOT, "ratio http/copy : %.3f (target >= %s)  %s%n", ratio,
                        trim(cfg.targetRatio()), met ? "met" : "NOT met");
            } else {
                verdicts.add(false);
                System.out.println("ratio http/copy : - (a phase failed)  NOT met");
            }
        }
        if (mqtt != null) {
            boolean met = mqtt.completed() && mqtt.rate() >= cfg.targetMqtt();
            verdicts.add(met);
            System.out.printf(Locale.ROOT, "mqtt            : %s points/s (target >= %s)  %s%n",
                    mqtt.completed() ? fmt(Math.round(mqtt.rate())) : "-", fmt(Math.round(cfg.targetMqtt())),
                    met ? "met" : "NOT met");
        }
        long lost = 0;
        boolean allVerified = true;
        for (PhaseResult r : results) {
            lost += Math.max(0, r.lost());
            allVerified &= r.verified();
        }
        verdicts.add(allVerified);
        System.out.printf("lost            : %s (target 0)  %s%n", fmt(lost),
                allVerified ? "met" : lost == 0 ? "NOT verified (see the failures above)" : "NOT met");
        boolean all = verdicts.stream().allMatch(b -> b);
        boolean partial = cfg.phases().size() < Config.ALL_PHASES.size();
        System.out.println("RESULT: " + (all ? "target met" : "target NOT met")
                + (partial ? " (partial run: PHASES=" + String.join(",", cfg.phases()) + ")" : ""));
        return all ? 0 : 1;
    }

    private static PhaseResult find(List<PhaseResult> results, String phase) {
        return results.stream().filter(r -> r.phase().equals(phase)).findFirst().orElse(null);
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
