package io.converge.telemetry.ingest;

import io.converge.telemetry.domain.IngestResult;
import io.converge.telemetry.domain.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ingest counters and histograms, tagged by channel (http, mqtt, sparkplug): points accepted, duplicate and rejected
 * (by reason), batch size and commit latency.
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> sizes = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String channel, IngestResult result, List<Rejection> errors, long startedNanos) {
        counter("converge.telemetry.points.accepted", channel, null).increment(result.accepted());
        counter("converge.telemetry.points.duplicate", channel, null).increment(result.duplicates());
        for (Rejection r : errors) {
            counter("converge.telemetry.points.rejected", channel, r.reason().wire()).increment();
        }
        sizes.computeIfAbsent(channel, c -> DistributionSummary.builder("converge.telemetry.ingest.batch.size")
                .description("points per ingest batch").tag("channel", c).publishPercentileHistogram()
                .register(registry)).record(result.accepted() + result.duplicates() + result.rejected());
        latencies.computeIfAbsent(channel, c -> Timer.builder("converge.telemetry.ingest.latency")
                .description("time from a batch read to its commit").tag("channel", c).publishPercentileHistogram()
                .register(registry)).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** Messages or bodies that could not be read at all (counted here, since they never become a batch). */
    public void malformed(String channel, long points) {
        counter("converge.telemetry.points.rejected", channel, "malformed-message").increment(points);
    }

    private Counter counter(String name, String channel, String reason) {
        return counters.computeIfAbsent(name + '|' + channel + '|' + reason, k -> {
            Counter.Builder b = Counter.builder(name).tag("channel", channel);
            if (reason != null) {
                b.tag("reason", reason);
            }
            return b.register(registry);
        });
    }
}
