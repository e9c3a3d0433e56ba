package io.converge.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The soak's tables (Markdown, ready for bench/RESULTS.md), the verdicts and the exit status. */
final class Report {

    /** Components whose RSS is judged: the services and the gateway (infrastructure and simulator: shown only). */
    static final Set<String> JUDGED = Set.of("asset-service", "telemetry-service", "kpi-service", "patch-service",
            "security-service", "gateway");

    /** Routes with fewer requests (set-up-like calls: a release, a campaign) have no meaningful p99: not judged. */
    static final int MIN_FOR_P99 = 100;

    /** Linux's USER_HZ: /proc CPU times are in 1/100 s. */
    private static final double TICKS_PER_SECOND = 100;

    private final Config cfg;
    private final List<String> missed = new ArrayList<>();

    Report(Config cfg) {
        this.cfg = cfg;
    }

    int print(String header, double seconds, List<Stats.Route> routes, List<Memory.Sample> memory,
            List<Verify.Check> checks, String achieved) {
        System.out.println();
        System.out.println(header);
        System.out.println();
        routes(routes, seconds);
        System.out.println();
        System.out.println(achieved);
        System.out.println();
        memory(memory);
        System.out.println();
        System.out.println("| check | acknowledged | stored | verdict | note |");
        System.out.println("|---|---:|---:|---|---|");
        for (Verify.Check c : checks) {
            System.out.printf("| %s | %,d | %,d | %s | %s |%n", c.what(), c.acked(), c.stored(),
                    c.ok() ? "equal" : "**differ**", c.note());
            if (!c.ok()) {
                missed.add(c.what() + ": acknowledged " + c.acked() + ", stored " + c.stored());
            }
        }
        System.out.println();
        if (missed.isEmpty()) {
            System.out.println("Verdict: every target met (0 errors, p99 ≤ " + (long) cfg.p99LimitMs()
                    + " ms on every route with ≥ " + MIN_FOR_P99 + " requests, RSS flat, acknowledged = stored).");
            return 0;
        }
        System.out.println("Verdict: NOT met:");
        missed.forEach(m -> System.out.println("  - " + m));
        return cfg.strict() ? 1 : 0;
    }

    private void routes(List<Stats.Route> routes, double seconds) {
        System.out.println("| route | requests | req/s | errors | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|");
        long total = 0;
        long errors = 0;
        for (Stats.Route r : routes) {
            total += r.requests();
            errors += r.errors();
            String e = r.errors() == 0 ? "0" : r.errors() + " (" + r.failures().entrySet().stream()
                    .map(x -> x.getKey() + ": " + x.getValue()).collect(Collectors.joining(", ")) + ")";
            System.out.printf("| %s | %,d | %.2f | %s | %s | %s | %s | %s |%n", r.name(), r.requests(),
                    r.requests() / seconds, e, ms(r.percentile(50)), ms(r.percentile(95)), ms(r.percentile(99)),
                    ms(r.percentile(100)));
            if (r.errors() > 0) {
                missed.add(r.name() + ": " + r.errors() + " errors, first: " + r.firstFailure());
            }
            if (r.requests() >= MIN_FOR_P99 && r.percentile(99) > cfg.p99LimitMs()) {
                missed.add(r.name() + ": p99 " + ms(r.percentile(99)) + " ms > " + (long) cfg.p99LimitMs() + " ms");
            }
        }
        System.out.printf("| **all** | %,d | %.2f | %d | | | | |%n", total, total / seconds, errors);
    }

    /** RSS in MiB before the load, after the warm-up, at a quarter, half, three quarters and at the end. */
    private void memory(List<Memory.Sample> samples) {
        if (samples.size() < 2) {
            System.out.println("(no memory samples)");
            return;
        }
        double end = samples.get(samples.size() - 1).at();
        double warm = cfg.warmup().toSeconds();
        double[] at = {samples.get(0).at(), warm, warm + (end - warm) / 4, warm + (end - warm) / 2,
            warm + (end - warm) * 3 / 4, end};
        List<Memory.Sample> cols = new ArrayList<>();
        for (double t : at) {
            cols.add(nearest(samples, t));
        }
        Memory.Sample warmS = cols.get(1);
        Memory.Sample endS = cols.get(cols.size() - 1);
        StringBuilder head = new StringBuilder("| RSS MiB |");
        StringBuilder rule = new StringBuilder("|---|");
        String[] names = {"before", "warm", "", "", "", "end"};
        for (int i = 0; i < cols.size(); i++) {
            head.append(String.format(" %s t=%.0fs |", names[i], cols.get(i).at()));
            rule.append("---:|");
        }
        Memory.Sample first = samples.get(0);
        Memory.Sample last = samples.get(samples.size() - 1);
        double span = last.at() - first.at();
        System.out.println(head + " end/warm | verdict | old gen MiB (warm → end) | CPU % of a core |");
        System.out.println(rule + "---:|---|---|---:|");
        Set<String> names2 = new TreeSet<>();
        samples.forEach(s -> names2.addAll(s.rssKib().keySet()));
        for (String n : names2) {
            StringBuilder line = new StringBuilder("| " + n + " |");
            for (Memory.Sample s : cols) {
                Long v = s.rssKib().get(n);
                line.append(v == null ? " – |" : String.format(" %.0f |", v / 1024.0));
            }
            Long w = warmS.rssKib().get(n);
            Long e = endS.rssKib().get(n);
            double ratio = w == null || e == null || w == 0 ? Double.NaN : (double) e / w;
            String heap = heap(warmS.oldGen().get(n), endS.oldGen().get(n));
            Long c0 = first.cpuTicks().get(n);
            Long c1 = last.cpuTicks().get(n);
            String cpu = c0 == null || c1 == null || span <= 0 ? "–"
                    : String.format("%.0f", (c1 - c0) / TICKS_PER_SECOND / span * 100);
            String verdict;
            if (!JUDGED.contains(n)) {
                verdict = "shown only";
            } else if (Double.isNaN(ratio)) {
                verdict = "**not running**";
                missed.add(n + " was not running at the warm-up or at the end");
            } else if (ratio <= cfg.rssGrowth()) {
                verdict = "flat";
            } else {
                verdict = "**grew**";
                missed.add(String.format("%s RSS grew from %.0f to %.0f MiB (× %.2f > %.2f)", n, w / 1024.0,
                        e / 1024.0, ratio, cfg.rssGrowth()));
            }
            System.out.println(line + String.format(" %.2f |", ratio) + " " + verdict + " | " + heap + " | " + cpu
                    + " |");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double box = last.boxTotal() > first.boxTotal() ? 100.0 * cores * (last.boxBusy() - first.boxBusy())
                / (last.boxTotal() - first.boxTotal()) : Double.NaN;
        double listed = 0;
        StringBuilder machine = new StringBuilder();
        for (String n : new TreeSet<>(last.cpuTicks().keySet())) {
            Long c0 = first.cpuTicks().get(n);
            double pct = c0 == null || span <= 0 ? 0 : (last.cpuTicks().get(n) - c0) / TICKS_PER_SECOND / span * 100;
            listed += pct;
            if (Memory.MACHINE_SERVICES.containsValue(n)) {
                machine.append(String.format("%s %.0f %%, ", n, pct));
            }
        }
        System.out.printf("%nCPU (100 %% = one core, over the whole load): the box %.0f %% of %d00 %%; %sother"
                + " processes (builds, tests, the rest of the machine) %.0f %%.%n", box, cores, machine,
                Math.max(0, box - listed));
        System.out.printf("Flat: end RSS ≤ %.2f × the RSS after the %d s warm-up (services and gateway; nginx with"
                + " its workers).%n", cfg.rssGrowth(),
                cfg.warmup().toSeconds());
    }

    private static String heap(Long warm, Long end) {
        return warm == null || end == null ? "" : String.format("%.0f → %.0f", warm / 1048576.0, end / 1048576.0);
    }

    private static Memory.Sample nearest(List<Memory.Sample> samples, double t) {
        Memory.Sample best = samples.get(0);
        for (Memory.Sample s : samples) {
            if (Math.abs(s.at() - t) < Math.abs(best.at() - t)) {
                best = s;
            }
        }
        return best;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    static String rates(Map<String, Double> figures) {
        return figures.entrySet().stream().map(e -> String.format("%s %,.1f/s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
