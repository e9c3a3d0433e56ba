package io.converge.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.bench.common.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Security events as the plant's collectors post them (POST /api/v1/security/events, device token): every
 * SECURITY_BATCH / SECURITY_RATE seconds one batch of SECURITY_BATCH events of the soak's site "SOAK", each with an id
 * of its own: 60 % badge-granted at the soak's doors, 20 % successful local logons of soak operators on soak HMIs,
 * 20 % allowed HTTPS connections between soak addresses (10.250/16 → 10.251/16, each source at most a few a minute).
 * Everyday traffic that no shipped rule fires on: alerts raised by it are counted and reported. Every event id of a
 * batch the service acknowledged is kept for the stored-count check.
 */
final class SecurityDriver {

    static final String ROUTE = "POST /api/v1/security/events";

    final AtomicLong sent = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong alertsRaised = new AtomicLong();
    final AtomicLong alertsUpdated = new AtomicLong();
    /** Ids of the events of every batch answered 200. */
    final List<UUID> acked = new ArrayList<>();

    private final Config cfg;
    private final Traffic traffic;
    private final Tokens tokens;
    private long seq;

    SecurityDriver(Config cfg, Traffic traffic, Tokens tokens) {
        this.cfg = cfg;
        this.traffic = traffic;
        this.tokens = tokens;
    }

    List<Runnable> workers(long t0, long deadline) {
        if (!(cfg.securityRate() > 0)) {
            return List.of();
        }
        Duration period = Duration.ofNanos(Math.round(cfg.securityBatch() * 1e9 / cfg.securityRate()));
        return List.of(() -> Pacer.every(period, t0 + period.toNanos() / 3, deadline, this::send));
    }

    private void send() {
        List<UUID> ids = new ArrayList<>(cfg.securityBatch());
        StringBuilder b = new StringBuilder(cfg.securityBatch() * 220).append('[');
        String now = Instant.now().toString();
        for (int i = 0; i < cfg.securityBatch(); i++) {
            long n = seq++;
            UUID id = UUID.randomUUID();
            ids.add(id);
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"time\":\"").append(now)
                    .append("\",\"site\":\"SOAK\",");
            int kind = (int) (n % 10);
            if (kind < 6) {
                b.append("\"kind\":\"badge-granted\",\"badgeId\":\"SOAK-B").append(n % 400)
                        .append("\",\"person\":\"soak-person-").append(n % 400).append("\",\"door\":\"SOAK-DOOR-")
                        .append(n % 12).append('"');
            } else if (kind < 8) {
                b.append("\"kind\":\"logon-success\",\"user\":\"soak-operator-").append(n % 40)
                        .append("\",\"host\":\"SOAK-HMI-").append(n % 8).append("\",\"remote\":false,")
                        .append("\"protocol\":\"local\"");
            } else {
                long src = n / 10 % 60_000;
                b.append("\"kind\":\"connection\",\"srcIp\":\"10.250.").append(src / 250).append('.')
                        .append(src % 250 + 1).append("\",\"srcPort\":").append(40_000 + n % 20_000)
                        .append(",\"dstIp\":\"10.251.0.").append(n % 50 + 1)
                        .append("\",\"dstPort\":443,\"protocol\":\"tcp\",\"action\":\"allowed\"");
            }
            b.append('}');
        }
        b.append(']');
        sent.addAndGet(ids.size());
        Traffic.Answer a = traffic.postJson(ROUTE, cfg.api("/api/v1/security/events"), tokens.device(),
                b.toString().getBytes(StandardCharsets.UTF_8));
        if (!a.ok()) {
            if (a.status() == 401) {
                tokens.invalidateDevice();
            }
            return;
        }
        JsonNode r = a.json();
        stored.addAndGet(r.path("stored").asLong());
        alertsRaised.addAndGet(r.path("alertsRaised").asLong());
        alertsUpdated.addAndGet(r.path("alertsUpdated").asLong());
        if (r.path("stored").asLong() != ids.size()) {
            traffic.fail(ROUTE, "200 not all stored", a.body());
        }
        synchronized (acked) {
            acked.addAll(ids);
        }
    }
}
