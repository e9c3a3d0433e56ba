package io.converge.simulator.firmware;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.Log;
import io.converge.simulator.LogThrottle;
import io.converge.simulator.net.Api;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One firmware agent per device, speaking patch-service's device protocol through the gateway with the device token:
 * poll {@code GET /api/v1/devices/{tag}/deployment} (204 = nothing to do), download the artifact, check its SHA-256,
 * report {@code downloading} → {@code downloaded} → {@code installing}, "install" for a while, report {@code success}
 * or {@code failure}. A download whose SHA-256 does not match is reported as a failure without installing. Polls are
 * spread over the interval; a device busy with an action is not polled again until it reported its result.
 */
public final class FirmwareAgents {

    private final Api api;
    private final ObjectMapper json;
    private final Install install;
    private final Duration installTime;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1));

    public FirmwareAgents(Api api, ObjectMapper json, Install install, Duration installTime) {
        this.api = api;
        this.json = json;
        this.install = install;
        this.installTime = installTime;
    }

    /** Schedules each tag's poll every {@code interval}, the first ones spread over one interval. */
    public void start(List<String> tags, Duration interval, ScheduledExecutorService scheduler) {
        long period = interval.toMillis();
        for (String tag : tags) {
            long delay = ThreadLocalRandom.current().nextLong(Math.max(1, period));
            scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().start(() -> poll(tag)), delay, period,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One poll of one device and, if an action is offered, its whole install. */
    public void poll(String tag) {
        if (!busy.add(tag)) {
            return;
        }
        try {
            polls.incrementAndGet();
            Api.Answer a = api.get("/api/v1/devices/" + tag + "/deployment", Map.of());
            if (a.status() == 204) {
                throttle.success("poll");
                return;
            }
            if (a.status() != 200) {
                throw new IOException("poll answered " + a.status() + ": " + a.text());
            }
            run(tag, Offer.of(json.readTree(a.body())));
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            throttle.warn("poll", "firmware agent %s: %s", tag, e.getMessage()); // one outage, many agents
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            busy.remove(tag);
        }
    }

    private void run(String tag, Offer o) throws IOException, InterruptedException {
        Log.info("firmware agent %s: offered %s %s (action %s, %s)", tag, o.rollback() ? "rollback to" : "update to",
                o.version(), o.actionId(), o.state());
        report(tag, o, "downloading", 0, null);
        Api.Answer d = api.get(o.downloadUrl(), Map.of());
        if (d.status() != 200) {
            report(tag, o, "failure", null, "download answered " + d.status());
            failed.incrementAndGet();
            return;
        }
        if (!Install.verified(d.body(), o.sha256())) {
            report(tag, o, "failure", null, "SHA-256 mismatch: expected " + o.sha256() + ", got "
                    + Install.sha256(d.body()));
            failed.incrementAndGet();
            return;
        }
        report(tag, o, "downloaded", 100, null);
        report(tag, o, "installing", null, null);
        Thread.sleep(installTime.toMillis());
        Install.Outcome out = install.outcome(o);
        report(tag, o, out.success() ? "success" : "failure", null, out.message());
        if (out.success()) {
            versions.put(tag, o.version());
            succeeded.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
        Log.info("firmware agent %s: %s %s", tag, out.success() ? "now runs" : "failed to install", o.version());
    }

    private void report(String tag, Offer o, String status, Integer progress, String message)
            throws IOException, InterruptedException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", status);
        if (progress != null) {
            body.put("progress", progress);
        }
        if (message != null) {
            body.put("message", message);
        }
        Api.Answer a = api.postJson("/api/v1/devices/" + tag + "/deployment/" + o.actionId() + "/feedback",
                json.writeValueAsBytes(body));
        if (a.status() != 200) {
            throw new IOException("feedback " + status + " answered " + a.status() + ": " + a.text());
        }
    }

    /** The version each device installed during this run. */
    public Map<String, String> versions() {
        return Map.copyOf(versions);
    }

    public String stats() {
        return "polls=" + polls.get() + " installed=" + succeeded.get() + " failed=" + failed.get() + " errors="
                + errors.get();
    }
}
