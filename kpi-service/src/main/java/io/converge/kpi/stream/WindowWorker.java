package io.converge.kpi.stream;

import io.converge.events.KpiEventTypes;
import io.converge.events.KpiWindowData;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.KpiValue;
import io.converge.kpi.domain.WindowCalculator;
import io.converge.kpi.domain.WindowClock;
import io.converge.kpi.domain.WindowFigures;
import io.converge.kpi.messaging.KpiEvents;
import io.converge.kpi.messaging.KpiOutboxRelay;
import io.converge.kpi.store.SampleStore;
import io.converge.kpi.store.WindowRepository;
import io.converge.kpi.store.WindowRepository.Stored;
import io.converge.kpi.store.WindowSource;
import io.converge.outbox.OutboxStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Computes the closed windows of the dirty ranges (see {@link PointsIntake}) and stores them; new and changed windows
 * are published to converge.kpi.events through the outbox in the same transaction, then told to the window listeners.
 *
 * <p>A window [s, s + w) of an asset is closed when s + w ≤ its watermark: the latest sample time minus the close
 * delay, or, when the asset sent nothing for the idle-close time, the latest sample time plus the state max gap.
 * Each asset is computed in its own transaction under a transaction-scoped advisory lock, so replicas never compute
 * the same asset at once. The part of a dirty range that is not closed yet is put back for a later pass.
 */
@ApplicationScoped
public class WindowWorker {

    private static final Logger LOG = Logger.getLogger(WindowWorker.class);

    private record Range(int widthSeconds, Instant from, Instant to) {
    }

    private record Candidate(UUID assetId, Instant watermark) {
    }

    /** {@code computed}: some closed window was computed (changed or not); {@code changed}: those stored anew. */
    private record Outcome(AssetInfo asset, boolean computed, List<Stored> changed) {
    }

    private final Pool pool;
    private final AssetDirectory assets;
    private final BindingCache bindings;
    private final WindowSource source;
    private final WindowRepository windows;
    private final SampleStore samples;
    private final OutboxStore outbox;
    private final KpiEvents events;
    private final KpiOutboxRelay relay;
    private final Instance<WindowListener> listeners;
    private final KpiConfig config;
    private final WindowCalculator.Settings settings;
    private final WindowClock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Counter computed;
    private final Counter corrections;

    public WindowWorker(Pool pool, AssetDirectory assets, BindingCache bindings, WindowSource source,
            WindowRepository windows, SampleStore samples, OutboxStore outbox, KpiEvents events, KpiOutboxRelay relay,
            @Any Instance<WindowListener> listeners, KpiConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.assets = assets;
        this.bindings = bindings;
        this.source = source;
        this.windows = windows;
        this.samples = samples;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.listeners = listeners;
        this.config = config;
        this.settings = new WindowCalculator.Settings(config.states().maxGap(),
                config.states().smallStopThreshold(), config.states().setupReasons(),
                io.converge.kpi.domain.Counters.ResetPolicy.POST_RESET_VALUE);
        this.clock = new WindowClock(config.windows().closeDelay(), config.windows().allowedLateness(),
                config.windows().idleClose(), config.states().maxGap());
        this.computed = Counter.builder("converge.kpi.windows.stored").description("KPI windows stored (new)")
                .register(registry);
        this.corrections = Counter.builder("converge.kpi.windows.corrected")
                .description("stored KPI windows changed by late points").register(registry);
    }

    @Scheduled(every = "${converge.windows.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run();
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return pool.withConnection(c -> samples.pruneProcessed(c,
                Instant.now().minus(config.windows().dedupRetention()))).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Runs a pass now (after a consumed batch); a kick during a pass makes it run once more. */
    public void kick() {
        run().subscribe().with(x -> { }, e -> LOG.debugf("window worker: %s", e.toString()));
    }

    /** Passes until nothing closed is dirty any more. */
    public Uni<Void> run() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return pass().onFailure().invoke(e -> LOG.warnf("window worker pass failed: %s", e.toString()))
                .onFailure().recoverWithItem(0)
                .eventually(() -> running.set(false))
                .flatMap(n -> n > 0 || again.get() ? run() : Uni.createFrom().voidItem());
    }

    /** One pass over at most assets-per-pass assets; answers how many were computed. */
    Uni<Integer> pass() {
        return assets.load().flatMap(x -> bindings.ready()).flatMap(x -> candidates())
                .flatMap(list -> Multi.createFrom().iterable(list).onItem()
                        .transformToUniAndConcatenate(this::asset).collect().asList()
                        .map(outcomes -> (int) outcomes.stream().filter(o -> o != null && o.computed()).count()));
    }

    /**
     * Assets with a dirty range whose first window is closed (the SQL mirrors {@link WindowClock#watermark}; the
     * parts put back start on a window boundary, so an asset is not picked again before a window of it closes).
     */
    private Uni<List<Candidate>> candidates() {
        return pool.preparedQuery("WITH c AS (SELECT asset_id, max_ts, last_arrival, now() AS now,"
                + " CASE WHEN last_arrival < now() - $1 * interval '1 s'"
                + " THEN max_ts + $2 * interval '1 s' ELSE max_ts - $3 * interval '1 s' END AS wm FROM kpi_clock)"
                + " SELECT c.asset_id, c.max_ts, c.last_arrival, c.now FROM c WHERE EXISTS (SELECT 1 FROM kpi_dirty d"
                + " WHERE d.asset_id = c.asset_id AND d.from_ts + d.width_s * interval '1 s' <= c.wm) LIMIT $4")
                .execute(Tuple.of(config.windows().idleClose().toSeconds(), config.states().maxGap().toSeconds(),
                        config.windows().closeDelay().toSeconds(), config.windows().assetsPerPass()))
                .map(rs -> {
                    List<Candidate> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new Candidate(r.getUUID(0), clock.watermark(
                            r.getOffsetDateTime(1).toInstant(), r.getOffsetDateTime(2).toInstant(),
                            r.getOffsetDateTime(3).toInstant()))));
                    return out;
                });
    }

    /** Computes one asset in its own transaction; null when another replica holds it. */
    private Uni<Outcome> asset(Candidate cand) {
        return pool.withTransaction(c -> c.preparedQuery(
                "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7))").execute(Tuple.of(cand.assetId().toString()))
                .flatMap(rs -> rs.iterator().next().getBoolean(0) ? take(c, cand) : Uni.createFrom().nullItem()))
                .onFailure().invoke(e -> LOG.warnf(e, "KPI windows of asset %s failed", cand.assetId()))
                .onFailure().recoverWithNull()
                .call(o -> o == null ? Uni.createFrom().voidItem() : tell(o));
    }

    private Uni<Outcome> take(SqlClient c, Candidate cand) {
        return c.preparedQuery("DELETE FROM kpi_dirty WHERE asset_id = $1 RETURNING width_s, from_ts, to_ts")
                .execute(Tuple.of(cand.assetId())).flatMap(rs -> {
                    Map<Integer, Range> ranges = new LinkedHashMap<>();
                    rs.forEach(r -> ranges.merge(r.getInteger(0), new Range(r.getInteger(0),
                            r.getOffsetDateTime(1).toInstant(), r.getOffsetDateTime(2).toInstant()),
                            (a, b) -> new Range(a.widthSeconds(), min(a.from(), b.from()), max(a.to(), b.to()))));
                    return compute(c, cand, new ArrayList<>(ranges.values()));
                });
    }

    private Uni<Outcome> compute(SqlClient c, Candidate cand, List<Range> ranges) {
        return assets.find(cand.assetId()).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().item(new Outcome(new AssetInfo(cand.assetId(), null, null, null, null), false,
                        List.of()))
                : compute(c, cand, found.get(), ranges));
    }

    /** Computes the closed windows of the ranges and puts the open parts back; without a binding there is nothing. */
    private Uni<Outcome> compute(SqlClient c, Candidate cand, AssetInfo asset, List<Range> ranges) {
        var binding = bindings.of(asset);
        List<Range> closed = new ArrayList<>();
        List<SampleStore.Dirty> putBack = new ArrayList<>();
        for (Range r : ranges) {
            WindowClock.Split split = WindowClock.split(r.from(), r.to(), Duration.ofSeconds(r.widthSeconds()),
                    cand.watermark());
            if (split.hasClosed()) {
                closed.add(new Range(r.widthSeconds(), split.closedFrom(), split.closedTo()));
            }
            if (split.openFrom() != null) {
                putBack.add(new SampleStore.Dirty(cand.assetId(), r.widthSeconds(), split.openFrom(), r.to()));
            }
        }
        Uni<Void> back = samples.markDirty(c, putBack);
        if (closed.isEmpty() || binding.isEmpty()) {
            return back.replaceWith(new Outcome(asset, false, List.of()));
        }
        Instant from = closed.stream().map(Range::from).min(Instant::compareTo).orElseThrow();
        Instant to = closed.stream().map(Range::to).max(Instant::compareTo).orElseThrow();
        Duration reach = settings.maxGap().plus(settings.smallStopThreshold());
        return back.flatMap(x -> source.load(c, asset, binding.get(), from.minus(reach), to.plus(reach)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(inputs -> calculate(inputs, closed))
                .flatMap(list -> windows.upsert(c, asset, list))
                .flatMap(changed -> publish(c, asset, changed).replaceWith(new Outcome(asset, true, changed)));
    }

    private List<WindowRepository.Computed> calculate(WindowCalculator.Inputs inputs, List<Range> closed) {
        List<WindowRepository.Computed> out = new ArrayList<>();
        for (Range r : closed) {
            Duration w = Duration.ofSeconds(r.widthSeconds());
            for (Interval window : new WindowClock.Split(r.from(), r.to(), null).windows(w)) {
                out.add(new WindowRepository.Computed(r.widthSeconds(), window.start(),
                        WindowCalculator.compute(inputs, window, settings)));
            }
        }
        return out;
    }

    private Uni<Void> publish(SqlClient c, AssetInfo asset, List<Stored> changed) {
        List<OutboxStore.Pending> rows = new ArrayList<>(changed.size());
        for (Stored s : changed) {
            (s.revision() == 0 ? computed : corrections).increment();
            rows.add(events.event(KpiEventTypes.WINDOW, asset.id().toString(), asset.id().toString(), data(asset, s)));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : outbox.addAll(c, rows);
    }

    static KpiWindowData data(AssetInfo asset, Stored s) {
        WindowFigures f = s.figures();
        WindowFigures.Kpis k = WindowFigures.Kpis.of(f);
        Map<String, String> undefined = new LinkedHashMap<>();
        Map<String, KpiValue> named = new LinkedHashMap<>();
        named.put("availability", k.availability());
        named.put("effectiveness", k.effectiveness());
        named.put("quality", k.quality());
        named.put("oee", k.oee());
        named.forEach((n, v) -> {
            if (!v.isDefined()) {
                undefined.put(n, v.reason());
            }
        });
        Duration w = Duration.ofSeconds(s.widthSeconds());
        return new KpiWindowData(asset.id(), asset.tag(), asset.lineId(), asset.siteId(), w.toString(), s.start(),
                s.start().plus(w), s.revision(), k.availability().value(), k.effectiveness().value(),
                k.quality().value(), k.oee().value(), undefined, f.pbtSeconds(), f.aptSeconds(), f.pq(), f.gq(),
                f.failures(), f.repairs(), f.energyKwh(), f.energyCost());
    }

    private Uni<Void> tell(Outcome o) {
        if (o.changed().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        relay.kick();
        return Multi.createFrom().iterable(o.changed()).onItem().transformToUniAndConcatenate(s -> {
            Duration w = Duration.ofSeconds(s.widthSeconds());
            Interval window = new Interval(s.start(), s.start().plus(w));
            return Multi.createFrom().iterable(listeners).onItem().transformToUniAndConcatenate(l -> l
                    .onWindow(o.asset(), w, window, s.revision(), s.figures()).onFailure().recoverWithItem(e -> {
                        LOG.warnf(e, "window listener %s failed", l.getClass().getSimpleName());
                        return null;
                    })).collect().last();
        }).collect().last().replaceWithVoid();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
