package io.converge.telemetry.ingest;

import io.converge.events.SecurityEventTypes;
import io.converge.events.SecurityFindingData;
import io.converge.outbox.OutboxStore;
import io.converge.rest.DomainException;
import io.converge.telemetry.config.TelemetryConfig;
import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.AssetView;
import io.converge.telemetry.domain.FindingThrottle;
import io.converge.telemetry.domain.IngestResult;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.PointRules;
import io.converge.telemetry.domain.RejectReason;
import io.converge.telemetry.domain.Rejection;
import io.converge.telemetry.messaging.TelemetryEvents;
import io.converge.telemetry.messaging.TelemetryOutboxRelay;
import io.converge.telemetry.store.PointStore;
import io.converge.telemetry.store.PointStore.Accepted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one ingest path of HTTP, MQTT and Sparkplug B: validate each point against the rules and the local registry
 * view, drop in-batch duplicates, then in one transaction insert the points (idempotently), move the latest values
 * and write the outbox rows (point events for the new points, throttled security findings). Answers after commit.
 */
@ApplicationScoped
public class IngestService {

    private final Pool pool;
    private final PointStore store;
    private final OutboxStore outbox;
    private final TelemetryEvents events;
    private final TelemetryOutboxRelay relay;
    private final AssetView view;
    private final LiveFeed feed;
    private final IngestMetrics metrics;
    private final PointRules rules;
    private final FindingThrottle throttle;
    private final Clock clock;

    public IngestService(Pool pool, PointStore store, OutboxStore outbox, TelemetryEvents events,
            TelemetryOutboxRelay relay, AssetView view, LiveFeed feed, IngestMetrics metrics, TelemetryConfig config) {
        this.pool = pool;
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.view = view;
        this.feed = feed;
        this.metrics = metrics;
        this.rules = new PointRules(config.ingest().futureTolerance(), config.retention().days(),
                config.ingest().maxTextLength());
        this.throttle = new FindingThrottle(config.ingest().securityEventInterval());
        this.clock = Clock.systemUTC();
    }

    /** Whether the registry view is loaded (before that, every asset would look unknown). */
    public boolean ready() {
        return view.loaded();
    }

    /**
     * Ingests a batch. {@code channel} is http, mqtt or sparkplug; {@code source} gives, for an asset tag as
     * claimed by a point, where it came from (client address, MQTT topic) for security findings.
     */
    public Uni<IngestResult> ingest(ParsedBatch batch, String channel,
            java.util.function.Function<String, String> source) {
        if (!view.loaded()) {
            return Uni.createFrom().failure(new DomainException(DomainException.Kind.UNAVAILABLE,
                    "the asset registry view is still loading; retry shortly"));
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<Rejection> errors = new ArrayList<>(batch.malformed());
        List<Accepted> ok = new ArrayList<>(batch.size());
        Map<String, Finding> findings = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>(batch.size() * 2);
        int duplicates = 0;
        for (int i = 0; i < batch.size(); i++) {
            Point p = batch.points().get(i);
            if (p == null) {
                continue;
            }
            Optional<Rejection> bad = rules.check(i, p, now);
            if (bad.isPresent()) {
                errors.add(bad.get());
                continue;
            }
            Optional<AssetRef> asset = view.byTag(p.asset());
            Rejection refused = refuse(i, p.asset(), asset, findings);
            if (refused != null) {
                errors.add(refused);
                continue;
            }
            Point stored = p.withTs(p.ts().truncatedTo(ChronoUnit.MICROS));
            Accepted a = new Accepted(asset.get(), stored);
            if (!keys.add(a.key())) {
                duplicates++;
                continue;
            }
            ok.add(a);
        }
        errors.sort(Comparator.comparingInt(Rejection::index));
        List<OutboxStore.Pending> reports = reports(findings, channel, source, now);
        int inBatchDuplicates = duplicates;
        if (ok.isEmpty() && reports.isEmpty()) {
            IngestResult result = new IngestResult(0, inBatchDuplicates, errors.size(), errors);
            metrics.record(channel, result, errors, started);
            return Uni.createFrom().item(result);
        }
        // fast path: nothing of the batch is stored yet (the usual case); a retried batch takes the checked path
        return persist(ok, reports, channel, true)
                .onFailure(PointStore::isDuplicate).recoverWithUni(() -> persist(ok, reports, channel, false))
                .map(fresh -> {
                    relay.kick();
                    feed.publish(fresh);
                    IngestResult result = new IngestResult(fresh.size(), inBatchDuplicates + ok.size() - fresh.size(),
                            errors.size(), errors);
                    metrics.record(channel, result, errors, started);
                    return result;
                });
    }

    private Uni<List<Accepted>> persist(List<Accepted> ok, List<OutboxStore.Pending> reports, String channel,
            boolean fresh) {
        return pool.withTransaction(c -> (fresh ? store.insertAll(c, ok) : store.insert(c, ok))
                .call(stored -> store.updateLatest(c, stored))
                .call(stored -> {
                    List<OutboxStore.Pending> rows = new ArrayList<>(events.points(stored, channel));
                    rows.addAll(reports);
                    return outbox.addAll(c, rows);
                }));
    }

    private record Finding(String tag, String kind, AssetRef asset, int count) {
    }

    private static Rejection refuse(int i, String tag, Optional<AssetRef> asset, Map<String, Finding> findings) {
        if (asset.isEmpty()) {
            note(findings, tag, SecurityEventTypes.UNKNOWN_DEVICE, null);
            return new Rejection(i, RejectReason.UNKNOWN_ASSET, "no registered asset has the tag '" + tag + "'");
        }
        if (asset.get().quarantined()) {
            note(findings, tag, SecurityEventTypes.TELEMETRY_FROM_QUARANTINED_ASSET, asset.get());
            return new Rejection(i, RejectReason.QUARANTINED_ASSET, "asset '" + tag + "' is quarantined");
        }
        if (asset.get().retired()) {
            note(findings, tag, SecurityEventTypes.TELEMETRY_FROM_RETIRED_ASSET, asset.get());
            return new Rejection(i, RejectReason.RETIRED_ASSET, "asset '" + tag + "' is retired");
        }
        return null;
    }

    private static void note(Map<String, Finding> findings, String tag, String kind, AssetRef asset) {
        String safeTag = tag == null ? "" : tag.length() > 64 ? tag.substring(0, 64) : tag;
        findings.merge(kind + '\u0000' + safeTag, new Finding(safeTag, kind, asset, 1),
                (a, b) -> new Finding(a.tag(), a.kind(), a.asset(), a.count() + 1));
    }

    private List<OutboxStore.Pending> reports(Map<String, Finding> findings, String channel,
            java.util.function.Function<String, String> source,
            Instant now) {
        List<OutboxStore.Pending> out = new ArrayList<>();
        for (Finding f : findings.values()) {
            throttle.record(f.tag(), f.kind(), f.count(), now).ifPresent(r -> out.add(events.finding(
                    new SecurityFindingData(f.kind(), f.asset() == null ? "high" : "critical", "telemetry-service",
                            r.firstSeen(), r.lastSeen(), r.count(), f.asset() == null ? null : f.asset().id(), f.tag(),
                            channel, source.apply(f.tag()), message(f), Map.of()))));
        }
        return out;
    }

    private static String message(Finding f) {
        return switch (f.kind()) {
            case SecurityEventTypes.UNKNOWN_DEVICE -> "telemetry from a device not in the asset registry: " + f.tag();
            case SecurityEventTypes.TELEMETRY_FROM_QUARANTINED_ASSET -> "telemetry from quarantined asset " + f.tag();
            default -> "telemetry from retired asset " + f.tag();
        };
    }
}
