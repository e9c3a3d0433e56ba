package io.converge.kpi.alarm;

import io.converge.kpi.domain.AlarmRule;
import io.converge.kpi.store.AlarmRepository;
import io.converge.kpi.store.AlarmRepository.Alarm;
import io.converge.kpi.store.AlarmRepository.Open;
import io.converge.kpi.store.AlarmRuleRepository;
import io.converge.kpi.store.AlarmRuleRepository.Rule;
import io.converge.kpi.stream.AssetInfo;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The enabled alarm rules by scope and the open alarms, in memory: evaluation never reads the database for them. Loaded
 * at startup, updated at once by every rule write and alarm transition of this replica, and reloaded every
 * {@code converge.alarms.refresh-interval} to see other replicas' rule writes.
 */
@ApplicationScoped
public class AlarmRuleCache {

    private static final Logger LOG = Logger.getLogger(AlarmRuleCache.class);

    /** A rule with its pure-domain form (the metric of a KPI rule is its KPI name). */
    public record Entry(Rule rule, AlarmRule domain) {

        static Entry of(Rule r) {
            return new Entry(r, new AlarmRule(r.id().toString(), r.metric() != null ? r.metric() : r.kpi(),
                    AlarmRule.Operator.parse(r.operator()), r.threshold(), Duration.ofSeconds(r.forSeconds()),
                    AlarmRule.Severity.valueOf(r.severity().toUpperCase(Locale.ROOT)), r.hysteresis()));
        }
    }

    /** Where an alarm is open: a rule and an asset (null for a line KPI alarm). */
    public record Key(UUID ruleId, UUID assetId) {
    }

    private final AlarmRuleRepository rules;
    private final AlarmRepository alarms;
    private final Map<UUID, Entry> byId = new ConcurrentHashMap<>();
    private final Map<Key, Open> open = new ConcurrentHashMap<>();
    private volatile Map<String, List<Entry>> byScope = Map.of();
    private volatile boolean loaded;
    /**
     * Count the local rule writes and alarm transitions: a reload that overlapped one keeps the in-memory rules (or
     * open alarms), since it may have read them before that write; the next reload catches up.
     */
    private final AtomicLong ruleWrites = new AtomicLong();
    private final AtomicLong alarmWrites = new AtomicLong();

    public AlarmRuleCache(AlarmRuleRepository rules, AlarmRepository alarms) {
        this.rules = rules;
        this.alarms = alarms;
    }

    /**
     * Loads before the application serves (the consumer asks {@code MetricInterest} from its first record on); when
     * the database is not reachable yet, the first evaluation loads them.
     */
    void onStart(@Observes StartupEvent e) {
        try {
            refresh().await().atMost(Duration.ofSeconds(10));
            LOG.debugf("alarm rules loaded: %d", byId.size());
        } catch (RuntimeException f) {
            LOG.warn("alarm rules not loaded at startup; loading on first use", f);
        }
    }

    @Scheduled(every = "${converge.alarms.refresh-interval:PT30S}",
            delayed = "${converge.alarms.refresh-interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return refresh().onFailure().invoke(f -> LOG.warn("alarm rules not reloaded", f)).onFailure()
                .recoverWithNull();
    }

    /** Loads once (the first caller waits for it). */
    public Uni<Void> ready() {
        return loaded ? Uni.createFrom().voidItem() : refresh();
    }

    /** Reloads every rule and open alarm from the database. */
    public Uni<Void> refresh() {
        long rulesBefore = ruleWrites.get();
        long alarmsBefore = alarmWrites.get();
        return rules.list(null).flatMap(all -> alarms.open().invoke(opened -> {
            if (!loaded || ruleWrites.get() == rulesBefore) {
                Map<UUID, Entry> fresh = new HashMap<>();
                all.forEach(r -> fresh.put(r.id(), Entry.of(r)));
                byId.keySet().retainAll(fresh.keySet());
                byId.putAll(fresh);
                reindex();
            }
            if (!loaded || alarmWrites.get() == alarmsBefore) {
                Map<Key, Open> openNow = new HashMap<>();
                opened.forEach(o -> openNow.put(new Key(o.ruleId(), o.assetId()), o));
                open.keySet().retainAll(openNow.keySet());
                open.putAll(openNow);
            }
            loaded = true;
        })).replaceWithVoid();
    }

    /** The enabled rules that apply to an asset: those of its tag and those of its line. */
    public List<Entry> forAsset(AssetInfo asset) {
        Map<String, List<Entry>> index = byScope;
        List<Entry> out = new ArrayList<>(index.getOrDefault("asset:" + asset.tag(), List.of()));
        if (asset.lineId() != null) {
            out.addAll(index.getOrDefault("line:" + asset.lineId(), List.of()));
        }
        return out;
    }

    /** A rule was created or replaced on this replica. */
    public void put(Rule r) {
        ruleWrites.incrementAndGet();
        byId.put(r.id(), Entry.of(r));
        reindex();
    }

    /** A rule was deleted on this replica. */
    public void remove(UUID id) {
        ruleWrites.incrementAndGet();
        alarmWrites.incrementAndGet();
        byId.remove(id);
        open.keySet().removeIf(k -> k.ruleId().equals(id));
        reindex();
    }

    /** The open alarm of a rule and asset, to resume its tracker. */
    public Optional<Open> open(Key key) {
        return Optional.ofNullable(open.get(key));
    }

    /** Keeps the open alarms current after a committed transition. */
    public void transitioned(Alarm a) {
        alarmWrites.incrementAndGet();
        Key key = new Key(a.ruleId(), a.assetId());
        if (a.open()) {
            open.put(key, new Open(a.ruleId(), a.assetId(), a.state(), a.seq()));
        } else {
            open.remove(key);
        }
    }

    private synchronized void reindex() {
        Map<String, List<Entry>> index = new HashMap<>();
        byId.values().stream().filter(e -> e.rule().enabled())
                .forEach(e -> index.computeIfAbsent(e.rule().scope(), s -> new ArrayList<>()).add(e));
        byScope = index;
    }
}
