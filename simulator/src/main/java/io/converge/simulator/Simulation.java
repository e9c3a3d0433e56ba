package io.converge.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.net.Api;
import io.converge.simulator.net.TelemetrySender;
import io.converge.simulator.plant.Line;
import io.converge.simulator.plant.Plant;
import io.converge.simulator.plant.Reading;
import io.converge.simulator.security.SecurityTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The periodic work: every telemetry interval the plant advances by the wall-clock time elapsed and each line's
 * readings are sent; every security interval the everyday badge and logon events are posted.
 */
final class Simulation {

    private final Plant plant;
    private final TelemetrySender sender;
    private final SecurityTraffic security;
    private final Api device;
    private final ObjectMapper json;
    private final AtomicLong securityEvents = new AtomicLong();
    private final LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1));
    private long lastTick = System.nanoTime();

    Simulation(Plant plant, TelemetrySender sender, SecurityTraffic security, Api device, ObjectMapper json) {
        this.plant = plant;
        this.sender = sender;
        this.security = security;
        this.device = device;
        this.json = json;
    }

    void start(ScheduledExecutorService scheduler, Duration interval, Duration securityInterval) {
        if (sender != null) {
            scheduler.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (security != null) {
            scheduler.scheduleWithFixedDelay(this::securityTick, securityInterval.toMillis(),
                    securityInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void tick() {
        try {
            long t = System.nanoTime();
            plant.advance((t - lastTick) / 1e9);
            lastTick = t;
            Instant now = Instant.now();
            List<Line> lines = plant.lines();
            List<List<Reading>> readings = plant.readings(now);
            for (int i = 0; i < lines.size(); i++) {
                sender.send(lines.get(i), readings.get(i), now);
            }
        } catch (RuntimeException e) {
            Log.warn("telemetry tick: %s", e);
        }
    }

    void securityTick() {
        try {
            List<Map<String, Object>> events = security.next(Instant.now());
            Api.Answer a = device.postJson("/api/v1/security/events", json.writeValueAsBytes(events));
            if (a.status() >= 300) {
                throttle.warn("security", "security events answered %d: %s", a.status(), a.text());
            } else {
                securityEvents.addAndGet(events.size());
                throttle.success("security");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throttle.warn("security", "security events: %s", e.getMessage());
        }
    }

    String stats() {
        StringBuilder b = new StringBuilder();
        if (sender != null) {
            b.append("telemetry points ").append(sender.stats());
            long running = plant.lines().stream().flatMap(l -> l.machines().stream())
                    .filter(m -> m.state() == io.converge.simulator.plant.MachineState.RUNNING).count();
            long total = plant.lines().stream().mapToLong(l -> l.machines().size()).sum();
            b.append(" | machines running ").append(running).append('/').append(total);
            plant.lines().stream().flatMap(l -> l.drives().stream()).filter(d -> d.degrading())
                    .forEach(d -> b.append(" | ").append(d.tag()).append(" vibration ")
                            .append(String.format("%.2f", d.level())).append(" mm/s"));
        }
        if (security != null) {
            b.append(" | security events ").append(securityEvents.get());
        }
        return b.toString();
    }
}
