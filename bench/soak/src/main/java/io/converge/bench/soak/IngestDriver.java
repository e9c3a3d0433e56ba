package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry as site gateways send it: one gateway per machine line posts, every INGEST_PERIOD_MS, one JSON batch with
 * the current sample of every metric of each of its machines (POST /api/v1/telemetry/points, device token). A machine
 * reports machine.state (running; down with machine.reason "jam" 15 s out of every 300 s), the counters count.good
 * (+1 per second while running, one in ten a scrap instead: count.scrap) and energy, and seven sensor values.
 */
final class IngestDriver {

    static final String ROUTE = "POST /api/v1/telemetry/points";
    static final List<String> METRICS = List.of("machine.state", "machine.reason", "count.good", "count.scrap",
            "temperature", "vibration", "current", "pressure", "speed", "power", "energy");

    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    /** Sample times of this run's points: every one lies in [first, last]. */
    volatile Instant first;
    volatile Instant last;

    private final Config cfg;
    private final Traffic traffic;
    private final Tokens tokens;

    IngestDriver(Config cfg, Traffic traffic, Tokens tokens) {
        this.cfg = cfg;
        this.traffic = traffic;
        this.tokens = tokens;
    }

    /** One worker per site gateway. */
    List<Runnable> workers(Fixture plant, long t0, long deadline) {
        List<Runnable> out = new ArrayList<>();
        int n = plant.machineLines.size();
        for (int g = 0; g < n; g++) {
            Fixture.Line line = plant.machineLines.get(g);
            long first = t0 + cfg.ingestPeriod().toNanos() * g / n;   // gateways spread over the period
            out.add(() -> {
                Machine[] machines = new Machine[line.tags().size()];
                for (int i = 0; i < machines.length; i++) {
                    machines[i] = new Machine(line.tags().get(i), i * 37L);
                }
                Pacer.every(cfg.ingestPeriod(), first, deadline, () -> send(machines));
            });
        }
        return out;
    }

    private void send(Machine[] machines) {
        Instant ts = Instant.ofEpochMilli(System.currentTimeMillis());
        StringBuilder b = new StringBuilder(machines.length * 700).append('[');
        int points = 0;
        for (Machine m : machines) {
            points += m.sample(ts, b, points == 0);
        }
        b.append(']');
        synchronized (this) {
            if (first == null || ts.isBefore(first)) {
                first = ts;
            }
            if (last == null || ts.isAfter(last)) {
                last = ts;
            }
        }
        sent.addAndGet(points);
        batches.incrementAndGet();
        Traffic.Answer a = traffic.postJson(ROUTE, cfg.api("/api/v1/telemetry/points"), tokens.device(),
                b.toString().getBytes(StandardCharsets.UTF_8));
        if (!a.ok()) {
            if (a.status() == 401) {
                tokens.invalidateDevice();
            }
            return;
        }
        JsonNode r = a.json();
        accepted.addAndGet(r.path("accepted").asLong());
        if (r.path("duplicates").asLong() > 0) {
            traffic.fail(ROUTE, "200 with duplicates", r.path("duplicates").asLong() + " duplicates at " + ts);
        }
        for (JsonNode e : r.path("errors")) {
            traffic.fail(ROUTE, "200 rejected " + e.path("reason").asText(), e.toString());
        }
    }

    /** One machine's state and counters; writes its points at ts into the batch. */
    private static final class Machine {
        private final String tag;
        private final long offset;
        private long good;
        private long scrap;
        private double energy;
        private long ticks;

        Machine(String tag, long offset) {
            this.tag = tag;
            this.offset = offset;
        }

        int sample(Instant ts, StringBuilder b, boolean firstInBatch) {
            long s = ts.getEpochSecond() + offset;
            boolean down = s % 300 < 15;
            if (!down && ticks++ % 10 == 9) {
                scrap++;
            } else if (!down) {
                good++;
            }
            double phase = (s % 3600) / 3600.0 * 2 * Math.PI;
            double power = down ? 1.5 : 18 + 4 * Math.sin(phase);
            energy += power / 3600;
            String t = ts.toString();
            int n = 0;
            n += point(b, firstInBatch && n == 0, t, "machine.state", down ? "\"down\"" : "\"running\"");
            if (down) {
                n += point(b, false, t, "machine.reason", "\"jam\"");
            }
            n += point(b, false, t, "count.good", Long.toString(good));
            n += point(b, false, t, "count.scrap", Long.toString(scrap));
            n += point(b, false, t, "temperature", num(62 + 6 * Math.sin(phase) + (s % 7) * 0.1));
            n += point(b, false, t, "vibration", num(2.2 + (s % 11) * 0.01));
            n += point(b, false, t, "current", num(down ? 0.4 : 31 + 2 * Math.cos(phase)));
            n += point(b, false, t, "pressure", num(5.8 + (s % 5) * 0.02));
            n += point(b, false, t, "speed", num(down ? 0 : 1450 + (s % 13)));
            n += point(b, false, t, "power", num(power));
            n += point(b, false, t, "energy", num(energy));
            return n;
        }

        private int point(StringBuilder b, boolean first, String ts, String metric, String value) {
            if (!first) {
                b.append(',');
            }
            b.append("{\"asset\":\"").append(tag).append("\",\"metric\":\"").append(metric).append("\",\"ts\":\"")
                    .append(ts).append("\",\"value\":").append(value).append('}');
            return 1;
        }

        private static String num(double v) {
            return String.format(java.util.Locale.ROOT, "%.3f", v);
        }
    }
}
