package io.converge.simulator.plant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The simulated plant, laid out like the demo data (infra/demo/load.py): sites ACME-P1, ACME-P2 …; lines numbered
 * across the plant, {@code linesPerSite} per site (site 1: L1–L3, site 2: L4–L6 with 3 lines per site); per line the
 * machines PLC-L{n}-01 …, the conveyor drives DRV-L{n}-01 … and the meter MTR-L{n}-01. Each line runs at its ideal
 * cycle time ({@link #idealCycleSeconds}, the one of its demo production order) slowed by a few percent per machine.
 * The transports are assigned to the lines in turn. One drive (by tag) degrades.
 */
public final class Plant {

    /** Ideal cycle times of lines 1, 2, … (repeating), as the demo production orders in infra/demo/kpi.py. */
    static final double[] IDEAL_CYCLE_SECONDS = {0.12, 0.2, 0.5, 0.8, 1.5, 2.4};
    public static final double HEALTHY_VIBRATION = 2.2;
    static final double VIBRATION_NOISE = 0.08;

    /** What to build. */
    public record Spec(int sites, int linesPerSite, int machinesPerLine, int drivesPerLine, List<Transport> transports,
            double mtbfSeconds, double mttrSeconds, double scrapShare, String degradingDrive,
            double degradationPerHour, double degradationStart, double vibrationFailAt, long seed) {

        public Spec {
            if (sites < 1 || linesPerSite < 1 || machinesPerLine < 1 || drivesPerLine < 0) {
                throw new IllegalArgumentException("need at least 1 site, 1 line per site and 1 machine per line");
            }
            if (sites > 9 || linesPerSite * sites > 99 || machinesPerLine > 99 || drivesPerLine > 99) {
                throw new IllegalArgumentException("at most 9 sites, 99 lines and 99 machines or drives per line");
            }
            transports = List.copyOf(transports);
            if (transports.isEmpty()) {
                throw new IllegalArgumentException("need at least one transport");
            }
        }
    }

    private final List<Line> lines;

    private Plant(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static Plant build(Spec spec) {
        SplittableRandom seeds = new SplittableRandom(spec.seed());
        List<Line> lines = new ArrayList<>();
        for (int s = 1; s <= spec.sites(); s++) {
            String site = siteCode(s);
            for (int j = 1; j <= spec.linesPerSite(); j++) {
                int n = (s - 1) * spec.linesPerSite() + j;
                double ideal = idealCycleSeconds(n);
                List<Machine> machines = new ArrayList<>();
                for (int m = 1; m <= spec.machinesPerLine(); m++) {
                    SplittableRandom r = seeds.split();
                    double speed = 0.93 + 0.05 * r.nextDouble(); // 93–98 % of the ideal rate
                    MachineProfile p = new MachineProfile(ideal / speed, spec.scrapShare(), spec.mtbfSeconds(),
                            spec.mttrSeconds(), 0.25, 0.1, 15 + 10 * r.nextDouble());
                    machines.add(new Machine(tag("PLC", n, m), p, r));
                }
                List<Vibration> drives = new ArrayList<>();
                for (int d = 1; d <= spec.drivesPerLine(); d++) {
                    String tag = tag("DRV", n, d);
                    boolean degrading = tag.equals(spec.degradingDrive());
                    drives.add(new Vibration(tag, HEALTHY_VIBRATION, VIBRATION_NOISE,
                            degrading ? spec.degradationPerHour() : 0, spec.vibrationFailAt(),
                            degrading ? spec.degradationStart() : HEALTHY_VIBRATION, seeds.split()));
                }
                Transport t = spec.transports().get((n - 1) % spec.transports().size());
                lines.add(new Line(n, site, "L" + n + "-EDGE", t, machines, drives, tag("MTR", n, 1)));
            }
        }
        return new Plant(lines);
    }

    public static String siteCode(int site) {
        return "ACME-P" + site;
    }

    public static String tag(String kind, int line, int index) {
        return String.format("%s-L%d-%02d", kind, line, index);
    }

    public static double idealCycleSeconds(int line) {
        return IDEAL_CYCLE_SECONDS[(line - 1) % IDEAL_CYCLE_SECONDS.length];
    }

    public void advance(double seconds) {
        lines.forEach(l -> l.advance(seconds));
    }

    public List<Line> lines() {
        return lines;
    }

    /** Every device tag of the plant. */
    public List<String> tags() {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.addAll(l.tags()));
        return out;
    }

    /** Every reading of the plant at {@code ts}, grouped by line. */
    public List<List<Reading>> readings(Instant ts) {
        Objects.requireNonNull(ts, "ts");
        return lines.stream().map(l -> l.readings(ts)).toList();
    }
}
