package io.converge.bench.kpi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The generated machine data of one run: every asset of the bench line reports, each second, its good and scrap
 * counters and its energy meter (cumulative), and its state (running / idle / down with a reason) on every change and
 * as a heartbeat every 10 s. Seconds follow each other for all assets at once, so the stream is time-ordered per asset
 * and batches mix the assets as a gateway would send them. Exactly N points; the last second ends one minute before
 * the run started, the first is as far back as N needs (about N / (3.1 × assets) seconds).
 *
 * <p>Deterministic (seeded per asset), so a counting pass finds the length before the rendering pass. Also keeps the
 * expected produced quantities per hour (increments of good and scrap between consecutive samples, attributed to the
 * hour of the interval they span) for the plausibility check of the OEE answer.
 */
final class Plant {

    static final String STATE = "machine.state";
    static final String REASON = "machine.reason";
    static final String GOOD = "count.good";
    static final String SCRAP = "count.scrap";
    static final String ENERGY = "energy.kwh";
    static final double IDEAL_CYCLE_SECONDS = 1.0;
    private static final String[] REASONS = {"jam", "material", "electrical", "changeover"};
    private static final int HEARTBEAT_SECONDS = 10;

    final List<String> tags;
    final int n;
    final Instant first;
    final Instant last;
    final Instant[] lastOf;
    final List<byte[]> bodies = new ArrayList<>();
    /** hour start → {good, scrap} increments of all assets in that hour. */
    final TreeMap<Instant, double[]> perHour = new TreeMap<>();
    int stateReports;

    Plant(List<String> tags, int n, int batch, Instant endBefore) {
        this.tags = List.copyOf(tags);
        this.n = n;
        long seconds = simulate(Instant.EPOCH, Integer.MAX_VALUE, null);   // counting pass
        this.first = endBefore.minusSeconds(seconds);
        this.lastOf = new Instant[tags.size()];
        simulate(first, batch, this);
        this.last = first.plusSeconds(seconds - 1);
    }

    Duration span() {
        return Duration.between(first, last);
    }

    double expectedGood(Instant from, Instant to) {
        return perHour.subMap(from, to).values().stream().mapToDouble(v -> v[0]).sum();
    }

    double expectedScrap(Instant from, Instant to) {
        return perHour.subMap(from, to).values().stream().mapToDouble(v -> v[1]).sum();
    }

    /** One asset's machine: state with its remaining seconds, cumulative counters. */
    private static final class Machine {
        final Random rnd;
        String state = "running";
        long remaining;
        long lastReport = Long.MIN_VALUE / 2;
        long good;
        long scrap;
        double kwh;
        boolean started;

        Machine(int index) {
            rnd = new Random(0x5eed_0000L + index);
            remaining = 60 + (long) (rnd.nextDouble() * 600);
            good = 10_000L * index;
            kwh = 1_000.0 * index;
        }

        /** Advances one second; answers the down reason on a change to down, "" on another change, null if none. */
        String step() {
            if (--remaining > 0) {
                return null;
            }
            if (!state.equals("running")) {
                state = "running";
                remaining = 60 + exp(900);
                return "";
            }
            if (rnd.nextDouble() < 0.7) {
                state = "idle";
                remaining = 10 + exp(120);
                return "";
            }
            state = "down";
            remaining = 30 + exp(300);
            return REASONS[rnd.nextInt(REASONS.length)];
        }

        long exp(double mean) {
            return (long) (-mean * Math.log(1 - rnd.nextDouble()));
        }
    }

    /**
     * Runs the machines from {@code start} until N points; renders the batches into {@code out} when given. Answers the
     * number of seconds used.
     */
    private long simulate(Instant start, int batch, Plant out) {
        int a = tags.size();
        Machine[] m = new Machine[a];
        for (int i = 0; i < a; i++) {
            m[i] = new Machine(i);
        }
        StringBuilder sb = new StringBuilder(batch == Integer.MAX_VALUE ? 0 : batch * 100);
        int emitted = 0;
        int inBatch = 0;
        long sec = 0;
        for (; emitted < n; sec++) {
            String ts = out == null ? null : start.plusSeconds(sec).toString();
            for (int i = 0; i < a && emitted < n; i++) {
                Machine x = m[i];
                // production of the second that ends now, in the state held during it
                boolean counts = x.started;
                long dGood = 0;
                long dScrap = 0;
                double dKwh = 0;
                if (counts) {
                    switch (x.state) {
                        case "running" -> {
                            if (x.rnd.nextDouble() < 0.9) {
                                if (x.rnd.nextDouble() < 0.03) {
                                    dScrap = 1;
                                } else {
                                    dGood = 1;
                                }
                            }
                            dKwh = 0.0125;
                        }
                        case "idle" -> dKwh = 0.004;
                        default -> dKwh = 0.001;
                    }
                }
                x.good += dGood;
                x.scrap += dScrap;
                x.kwh += dKwh;
                String change = x.started ? x.step() : "";
                x.started = true;
                List<String[]> pts = new ArrayList<>(5);
                if (change != null || sec - x.lastReport >= HEARTBEAT_SECONDS) {
                    pts.add(new String[] {STATE, '"' + x.state + '"'});
                    x.lastReport = sec;
                    if (change != null && !change.isEmpty()) {
                        pts.add(new String[] {REASON, '"' + change + '"'});
                    }
                }
                pts.add(new String[] {GOOD, Long.toString(x.good)});
                pts.add(new String[] {SCRAP, Long.toString(x.scrap)});
                pts.add(new String[] {ENERGY, Double.toString(Math.round(x.kwh * 10_000) / 10_000.0)});
                int taken = Math.min(pts.size(), n - emitted);
                emitted += taken;
                if (out == null) {
                    continue;
                }
                Instant t = start.plusSeconds(sec);
                out.lastOf[i] = t;
                for (int p = 0; p < taken; p++) {
                    String[] pt = pts.get(p);
                    sb.append(inBatch == 0 ? "[" : ",").append("{\"asset\":\"").append(tags.get(i))
                            .append("\",\"metric\":\"").append(pt[0]).append("\",\"ts\":\"").append(ts)
                            .append("\",\"value\":").append(pt[1]).append('}');
                    if (pt[0].equals(STATE)) {
                        out.stateReports++;
                    }
                    if (pt[0].equals(GOOD) && counts) {
                        out.hour(t.minusSeconds(1))[0] += dGood;
                    } else if (pt[0].equals(SCRAP) && counts) {
                        out.hour(t.minusSeconds(1))[1] += dScrap;
                    }
                    if (++inBatch == batch) {
                        out.bodies.add(sb.append(']').toString().getBytes(StandardCharsets.UTF_8));
                        sb.setLength(0);
                        inBatch = 0;
                    }
                }
            }
        }
        if (out != null && inBatch > 0) {
            out.bodies.add(sb.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        return sec;
    }

    private double[] hour(Instant t) {
        return perHour.computeIfAbsent(Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600),
                k -> new double[2]);
    }
}
