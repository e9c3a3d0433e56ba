package io.converge.patch.api;

import io.converge.patch.config.PatchConfig;
import io.converge.patch.domain.CampaignAction;
import io.converge.patch.domain.KpiGuard;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.CampaignRepository;
import io.converge.patch.store.KpiObservations;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The KPI guard applied to running campaigns (beyond hawkBit): for each running campaign, the lines of the devices it
 * updated within the observation period are watched from their first update (or from the campaign's last resume,
 * whichever is later: what an operator resumed past is not held against the campaign again). Their OEE is compared
 * with the line's baseline (mean OEE over the baseline period before the campaign started) and new alarms on them are
 * counted ({@link KpiGuard}). A PAUSE pauses the campaign as {@code patch-service} with the reason as detail: audited
 * and published on converge.patch.events, so everyone sees why.
 */
@ApplicationScoped
public class KpiGuardSupervisor {

    private static final Logger LOG = Logger.getLogger(KpiGuardSupervisor.class);
    private final Pool pool;
    private final CampaignRepository campaigns;
    private final CampaignTransitions transitions;
    private final KpiObservations observations;
    private final PatchOutboxRelay relay;
    private final PatchConfig.Guard config;

    public KpiGuardSupervisor(Pool pool, CampaignRepository campaigns, CampaignTransitions transitions,
            KpiObservations observations, PatchOutboxRelay relay, PatchConfig config) {
        this.pool = pool;
        this.campaigns = campaigns;
        this.transitions = transitions;
        this.observations = observations;
        this.relay = relay;
        this.config = config.guard();
    }

    @Scheduled(every = "${converge.guard.interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return config.enabled() ? check(Instant.now()).replaceWithVoid().onFailure()
                .invoke(e -> LOG.warnf("KPI guard pass failed: %s", e.toString())).onFailure().recoverWithNull()
                : Uni.createFrom().voidItem();
    }

    /** Checks every running campaign at {@code now}; answers the ids of the campaigns it paused. */
    public Uni<List<UUID>> check(Instant now) {
        return pool.query("SELECT id FROM campaign WHERE state = 'running'").execute()
                .flatMap(rs -> {
                    List<UUID> ids = new java.util.ArrayList<>();
                    rs.forEach(r -> ids.add(r.getUUID(0)));
                    return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> check(id, now)
                            .onFailure().recoverWithItem(e -> {
                                LOG.warnf(e, "KPI guard of campaign %s failed", id);
                                return Optional.empty();
                            })).filter(Optional::isPresent).map(Optional::get).collect().asList();
                });
    }

    private Uni<Optional<UUID>> check(UUID campaign, Instant now) {
        Instant since = now.minus(config.observation());
        return pool.preparedQuery("SELECT t.line_id, min(t.last_feedback_at),"
                + " (SELECT min(at) FROM campaign_audit WHERE campaign_id = $1 AND action = 'start'),"
                + " (SELECT max(at) FROM campaign_audit WHERE campaign_id = $1 AND action = 'resume')"
                + " FROM campaign_target t WHERE t.campaign_id = $1 AND t.deployment_state = 'succeeded'"
                + " AND t.line_id IS NOT NULL AND t.last_feedback_at >= $2 GROUP BY t.line_id")
                .execute(Tuple.of(campaign, since.atOffset(ZoneOffset.UTC))).flatMap(rs -> {
                    Map<UUID, Instant> firstUpdate = new HashMap<>();
                    Instant started = null;
                    Instant resumed = null;
                    for (var r : rs) {
                        firstUpdate.put(r.getUUID(0), r.getOffsetDateTime(1).toInstant());
                        started = r.getOffsetDateTime(2) == null ? null : r.getOffsetDateTime(2).toInstant();
                        resumed = r.getOffsetDateTime(3) == null ? null : r.getOffsetDateTime(3).toInstant();
                    }
                    if (firstUpdate.isEmpty() || started == null) {
                        return Uni.createFrom().item(Optional.<UUID>empty());
                    }
                    Instant from = firstUpdate.values().stream().min(Instant::compareTo).orElseThrow();
                    if (resumed != null && resumed.isAfter(from)) {
                        from = resumed;
                    }
                    return judge(campaign, firstUpdate, started, from, now);
                });
    }

    private Uni<Optional<UUID>> judge(UUID campaign, Map<UUID, Instant> lines, Instant started, Instant from,
            Instant now) {
        var o = new KpiGuard.Observation(lines.keySet(), from, now);
        Uni<Map<UUID, Double>> baseline = observations.lineOee(lines.keySet(), started.minus(config.baseline()),
                started).map(KpiGuardSupervisor::means);
        return Uni.combine().all().unis(baseline, observations.lineOee(lines.keySet(), from, now),
                observations.alarms(lines.keySet(), from, now))
                .with((base, observed, alarms) -> new KpiGuard(config.margin()).evaluate(o, base, observed, alarms))
                .flatMap(d -> d.verdict() == KpiGuard.Verdict.OK ? Uni.createFrom().item(Optional.<UUID>empty())
                        : pause(campaign, d.reason()));
    }

    private Uni<Optional<UUID>> pause(UUID campaign, String reason) {
        return pool.withTransaction(c -> campaigns.find(c, campaign, true).flatMap(found -> {
            if (found.isEmpty() || !"running".equals(found.get().state())) {
                return Uni.createFrom().item(Optional.<UUID>empty());
            }
            LOG.infof("campaign %s paused by the KPI guard: %s", campaign, reason);
            return transitions.apply(c, found.get(), CampaignAction.PAUSE, WaveSupervisor.ACTOR, reason)
                    .map(x -> Optional.of(campaign));
        })).invoke(relay::kick);
    }

    /** Mean of the defined OEE values per line. */
    static Map<UUID, Double> means(List<KpiGuard.OeeSample> samples) {
        Map<UUID, double[]> acc = new HashMap<>();
        for (KpiGuard.OeeSample s : samples) {
            if (s.oee() != null && Double.isFinite(s.oee())) {
                double[] a = acc.computeIfAbsent(s.lineId(), k -> new double[2]);
                a[0] += s.oee();
                a[1]++;
            }
        }
        Map<UUID, Double> out = new HashMap<>();
        acc.forEach((line, a) -> out.put(line, a[0] / a[1]));
        return out;
    }
}
