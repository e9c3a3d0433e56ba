package io.converge.kpi.stream;

import io.converge.events.CloudEvent;
import io.converge.events.TelemetryPointsData;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.WindowClock;
import io.converge.kpi.store.SampleStore;
import io.converge.kpi.store.SampleStore.Dirty;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes one consumed batch of telemetry events into kpi-service, in one transaction: skips events already processed
 * (by CloudEvent id), keeps the samples of metrics some feature needs, drops points older than the asset's latest
 * sample minus the allowed lateness (counted), stores the rest, advances the asset clocks and marks the time ranges
 * whose windows must be (re)computed. After the commit it wakes the window worker and tells the sample listeners.
 *
 * <p>The dirty range of an asset reaches back to the previous sample of each series in the batch (a counter increment
 * is spread over the time since its previous reading; a state holds until the next one) and forward by the state
 * reach (max gap + small-stop threshold), but never further back than the allowed lateness plus that reach.
 */
@ApplicationScoped
public class PointsIntake {

    private static final Logger LOG = Logger.getLogger(PointsIntake.class);

    /** What one transaction attempt took; counted only once it committed. */
    private record Taken(List<AssetBatch> batches, long consumed, long late, long kept, long redelivered) {
    }

    /** The samples one asset contributes to a batch. */
    private record AssetBatch(AssetInfo asset, Map<String, KpiSample> samples) {
    }

    private final Pool pool;
    private final SampleStore store;
    private final AssetDirectory assets;
    private final BindingCache bindings;
    private final Instance<MetricInterest> interests;
    private final Instance<SampleListener> listeners;
    private final WindowWorker worker;
    private final Duration lateness;
    private final WindowClock clock;
    private final Duration reach;
    private final Duration smallStop;
    private final Duration maxGap;
    private final int[] widths;
    private final Counter consumed;
    private final Counter kept;
    private final Counter late;
    private final Counter redelivered;

    public PointsIntake(Pool pool, SampleStore store, AssetDirectory assets, BindingCache bindings,
            @Any Instance<MetricInterest> interests, @Any Instance<SampleListener> listeners, WindowWorker worker,
            KpiConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        this.assets = assets;
        this.bindings = bindings;
        this.interests = interests;
        this.listeners = listeners;
        this.worker = worker;
        this.lateness = config.windows().allowedLateness();
        this.clock = new WindowClock(config.windows().closeDelay(), lateness, config.windows().idleClose(),
                config.states().maxGap());
        this.reach = config.states().maxGap().plus(config.states().smallStopThreshold());
        this.smallStop = config.states().smallStopThreshold();
        this.maxGap = config.states().maxGap();
        this.widths = config.windows().widths().stream().mapToInt(d -> (int) d.toSeconds()).toArray();
        this.consumed = Counter.builder("converge.kpi.points.consumed").description("telemetry points consumed")
                .register(registry);
        this.kept = Counter.builder("converge.kpi.points.kept").description("points of bound metrics stored")
                .register(registry);
        this.late = Counter.builder("converge.kpi.points.late").description(
                "points dropped: older than the asset's latest sample minus the allowed lateness").register(registry);
        this.redelivered = Counter.builder("converge.kpi.events.redelivered")
                .description("telemetry events skipped because they were processed before").register(registry);
    }

    public Uni<Void> process(List<CloudEvent<TelemetryPointsData>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = events.stream().map(e -> UUID.fromString(e.id())).toList();
        return assets.load().flatMap(x -> bindings.ready())
                .flatMap(x -> transaction(events, ids, false))
                .onFailure(SampleStore::isDuplicate).recoverWithUni(() -> transaction(events, ids, true))
                .invoke(t -> {
                    consumed.increment(t.consumed());
                    late.increment(t.late());
                    kept.increment(t.kept());
                    redelivered.increment(t.redelivered());
                })
                .flatMap(t -> afterCommit(t.batches()));
    }

    /** The batch in one transaction; {@code replace}: samples stored before are replaced (the slower path). */
    private Uni<Taken> transaction(List<CloudEvent<TelemetryPointsData>> events, List<UUID> ids,
            boolean replace) {
        return pool.withTransaction(c -> store.markProcessed(c, ids).flatMap(fresh -> take(c, events, fresh,
                replace)));
    }

    private Uni<Taken> take(SqlClient c, List<CloudEvent<TelemetryPointsData>> events, Set<UUID> fresh,
            boolean replace) {
        long points = 0;
        Map<UUID, AssetBatch> byAsset = new LinkedHashMap<>();
        Map<UUID, Set<String>> interest = new HashMap<>();
        for (CloudEvent<TelemetryPointsData> e : events) {
            if (!fresh.contains(UUID.fromString(e.id()))) {
                continue;
            }
            TelemetryPointsData d = e.data();
            points += d.points().size();
            AssetInfo asset = assets.resolve(d.assetId(), d.assetTag(), d.siteId());
            Set<String> wanted = interest.computeIfAbsent(asset.id(), k -> wanted(asset));
            for (TelemetryPointsData.Sample s : d.points()) {
                if (s.ts() != null && wanted.contains(s.metric())) {
                    byAsset.computeIfAbsent(asset.id(), k -> new AssetBatch(asset, new LinkedHashMap<>()))
                            .samples().put(s.metric() + '\u0000' + s.ts(), new KpiSample(asset.id(), s.metric(),
                                    s.ts(), s.value(), s.state(), KpiSample.quality(s.quality())));
                }
            }
        }
        long total = points;
        long skipped = events.size() - fresh.size();
        if (byAsset.isEmpty()) {
            return Uni.createFrom().item(new Taken(List.of(), total, 0, 0, skipped));
        }
        return store.lockClocks(c, new ArrayList<>(byAsset.keySet())).flatMap(clocks -> {
            List<AssetBatch> batches = new ArrayList<>();
            long dropped = 0;
            long keep = 0;
            for (AssetBatch b : byAsset.values()) {
                Instant clock = clocks.get(b.asset().id());
                int before = b.samples().size();
                b.samples().values().removeIf(s -> this.clock.tooLate(s.ts(), clock));
                dropped += before - b.samples().size();
                keep += b.samples().size();
                if (!b.samples().isEmpty()) {
                    batches.add(b);
                }
            }
            return Multi.createFrom().iterable(batches).onItem().transformToUniAndConcatenate(b -> dirty(c, b))
                    .collect().asList().flatMap(dirty -> store(c, batches,
                            dirty.stream().flatMap(List::stream).toList(), replace))
                    .replaceWith(new Taken(batches, total, dropped, keep, skipped));
        });
    }

    /**
     * The range whose windows the batch may change: from the previous stored sample of each series in it (a counter
     * increment is spread back to it; a state held from it until the new report) — and, for the machine state, a
     * small-stop threshold further back when a stop may be involved (a down or idle run growing past the threshold, or
     * split by a late report, changes how its earlier part is classified), and for a down reason the max gap back (it
     * names the state report current when it came) — to the last new sample plus the state
     * reach. Never further back than the allowed lateness (plus that reach) before the first new sample.
     */
    private Uni<List<Dirty>> dirty(SqlClient c, AssetBatch b) {
        Map<String, Instant> firstOf = new HashMap<>();
        Instant last = null;
        boolean stopReported = false;
        var binding = bindings.of(b.asset());
        String stateMetric = binding.map(x -> x.stateMetric()).orElse(null);
        String reasonMetric = binding.map(x -> x.downReasonMetric()).orElse(null);
        for (KpiSample s : b.samples().values()) {
            firstOf.merge(s.metric(), s.ts(), (x, y) -> x.isBefore(y) ? x : y);
            last = last == null || s.ts().isAfter(last) ? s.ts() : last;
            stopReported |= s.metric().equals(stateMetric) && mayBeStop(s.state());
        }
        Instant first = firstOf.values().stream().min(Instant::compareTo).orElseThrow();
        Instant end = last.plus(reach);
        boolean stop = stopReported;
        return store.previous(c, b.asset().id(), firstOf.keySet(), first).map(prev -> {
            Instant from = first;
            for (var e : firstOf.entrySet()) {
                SampleStore.Previous p = prev.get(e.getKey());
                Instant start = p != null ? p.ts() : e.getValue();
                if (e.getKey().equals(stateMetric) && (stop || p == null || mayBeStop(p.state()))) {
                    start = start.minus(smallStop);
                } else if (e.getKey().equals(reasonMetric)) {
                    start = e.getValue().minus(maxGap); // a reason names the state report current when it came
                }
                from = start.isBefore(from) ? start : from;
            }
            Instant floor = first.minus(lateness).minus(reach);
            Instant start = from.isBefore(floor) ? floor : from;
            List<Dirty> out = new ArrayList<>();
            for (int w : widths) {
                out.add(new Dirty(b.asset().id(), w, start, end));
            }
            return out;
        });
    }

    /** Anything but running or setup may be part of a down or idle run (unknown texts included). */
    private static boolean mayBeStop(String state) {
        return state == null || !(state.equalsIgnoreCase("running") || state.equalsIgnoreCase("setup"));
    }

    private Uni<Void> store(SqlClient c, List<AssetBatch> batches, List<Dirty> dirty, boolean replace) {
        List<KpiSample> all = new ArrayList<>();
        Map<UUID, Instant> latest = new HashMap<>();
        for (AssetBatch b : batches) {
            for (KpiSample s : b.samples().values()) {
                all.add(s);
                latest.merge(s.assetId(), s.ts(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        return Multi.createFrom().iterable(batches).onItem().transformToUniAndConcatenate(b -> assets.ensure(c,
                b.asset())).collect().last().flatMap(x -> store.insert(c, all, replace)).flatMap(x -> store.advance(c, latest,
                dirty));
    }

    private Set<String> wanted(AssetInfo asset) {
        Set<String> out = new HashSet<>();
        for (MetricInterest i : interests) {
            out.addAll(i.metrics(asset));
        }
        return out;
    }

    private Uni<Void> afterCommit(List<AssetBatch> batches) {
        if (batches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        worker.kick();
        return Multi.createFrom().iterable(batches).onItem().transformToUniAndConcatenate(b -> {
            List<KpiSample> sorted = new ArrayList<>(b.samples().values());
            sorted.sort(java.util.Comparator.comparing(KpiSample::ts));
            return Multi.createFrom().iterable(listeners).onItem().transformToUniAndConcatenate(l -> l
                    .onSamples(b.asset(), sorted).onFailure().recoverWithItem(e -> {
                        LOG.warnf(e, "sample listener %s failed for %s", l.getClass().getSimpleName(),
                                b.asset().tag());
                        return null;
                    })).collect().last();
        }).collect().last().replaceWithVoid();
    }
}
