package io.converge.kpi.stream;

import io.converge.events.KpiEventTypes;
import io.converge.events.MaintenanceRecommendationData;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.KpiValue;
import io.converge.kpi.domain.MaintenancePolicy;
import io.converge.kpi.domain.MaintenancePolicy.Decision;
import io.converge.kpi.domain.MaintenancePolicy.Published;
import io.converge.kpi.domain.MaintenancePolicy.Severity;
import io.converge.kpi.messaging.KpiEvents;
import io.converge.kpi.messaging.KpiOutboxRelay;
import io.converge.kpi.store.ConditionRepository;
import io.converge.kpi.store.ConditionRepository.ConditionBinding;
import io.converge.kpi.store.ConditionRepository.ConditionState;
import io.converge.kpi.store.RecommendationRepository;
import io.converge.kpi.store.RecommendationRepository.Figures;
import io.converge.kpi.store.RecommendationRepository.Recommendation;
import io.converge.outbox.OutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Writes a prediction: the condition state, and the recommendation the {@link MaintenancePolicy} decides on (open,
 * update, resolve), with its event in the outbox — all in one transaction; the relay is kicked after the commit when
 * an event was written. Also resolves the open recommendations of a binding being removed.
 */
@ApplicationScoped
public class MaintenanceRecorder {

    private final Pool pool;
    private final ConditionRepository conditions;
    private final RecommendationRepository recommendations;
    private final OutboxStore outbox;
    private final KpiEvents events;
    private final KpiOutboxRelay relay;
    private final AssetDirectory assets;
    private final MaintenancePolicy policy;

    public MaintenanceRecorder(Pool pool, ConditionRepository conditions, RecommendationRepository recommendations,
            OutboxStore outbox, KpiEvents events, KpiOutboxRelay relay, AssetDirectory assets, KpiConfig config) {
        this.pool = pool;
        this.assets = assets;
        this.conditions = conditions;
        this.recommendations = recommendations;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        KpiConfig.Maintenance m = config.maintenance();
        this.policy = new MaintenancePolicy(new MaintenancePolicy.Settings(m.horizon(), m.minConfidence(),
                m.resolveHysteresis(), m.republishFraction(), m.republishMinShift()));
    }

    public MaintenancePolicy policy() {
        return policy;
    }

    /**
     * Stores the state and acts on the recommendation.
     *
     * @param newAnomalies anomalies flagged among the samples fed since the last call
     * @return the action taken
     */
    public Uni<MaintenancePolicy.Action> record(AssetInfo asset, ConditionBinding binding, ConditionState state,
            int newAnomalies) {
        KpiValue hours = state.hoursToCrossing() != null ? KpiValue.of(state.hoursToCrossing())
                : KpiValue.undefined(state.undefinedReason() == null ? "not predictable" : state.undefinedReason());
        return pool.withTransaction(c -> conditions.upsertState(c, state, newAnomalies)
                .flatMap(x -> recommendations.openFor(c, asset.id(), binding.metric()))
                .flatMap(open -> {
                    Published published = open.map(r -> new Published(r.publishedCrossing(),
                            Severity.parse(r.publishedSeverity()))).orElse(null);
                    Decision d = policy.decide(hours, state.confidence(), state.predictedCrossing(), published);
                    return apply(c, asset, binding, state, open.orElse(null), d).replaceWith(d.action());
                }))
                .invoke(action -> {
                    if (action != MaintenancePolicy.Action.NONE && action != MaintenancePolicy.Action.REFRESH) {
                        relay.kick();
                    }
                });
    }

    private Uni<Void> apply(SqlClient c, AssetInfo asset, ConditionBinding b, ConditionState s, Recommendation open,
            Decision d) {
        String severity = d.severity() == null ? null : d.severity().wire();
        Figures f = new Figures(s.predictedCrossing(), s.hoursToCrossing(), s.confidence(), s.slopePerHour(),
                severity, s.asOf(), b.label(), b.threshold(), b.direction());
        return switch (d.action()) {
            case NONE -> Uni.createFrom().voidItem();
            case OPEN -> {
                Recommendation r = new Recommendation(UUID.randomUUID(), asset.id(), asset.tag(), b.metric(),
                        b.label(), b.threshold(), b.direction(), "open", s.predictedCrossing(), s.hoursToCrossing(),
                        s.hoursToCrossing(), s.confidence(), s.slopePerHour(), severity, s.asOf(), null, null, null,
                        null, null, null);
                yield recommendations.insert(c, r).flatMap(x -> outbox.add(c,
                        event(r.id(), "opened", asset, b, s.hoursToCrossing(), f, s.anomaly(), null)));
            }
            case UPDATE -> recommendations.update(c, open.id(), f, true).flatMap(x -> outbox.add(c,
                    event(open.id(), "updated", asset, b, s.hoursToCrossing(), f, s.anomaly(), null)));
            case REFRESH -> recommendations.update(c, open.id(), f, false);
            case RESOLVE -> recommendations.resolve(c, open.id(), d.reason(), s.asOf()).flatMap(x -> outbox.add(c,
                    event(open.id(), "resolved", asset, b, s.hoursToCrossing(), f, s.anomaly(), d.reason())));
        };
    }

    /**
     * Removes a binding (at {@code expected} version, any when null) with its states, and resolves its open
     * recommendations with an event each; the number of bindings removed (0: absent or another version).
     */
    public Uni<Integer> unbind(ConditionBinding b, Long expected) {
        String reason = "condition binding removed";
        return pool.withTransaction(c -> conditions.delete(c, b.assetTag(), b.metric(), expected).flatMap(n -> n == 0
                ? Uni.createFrom().item(0)
                : recommendations.openForTag(c, b.assetTag(), b.metric()).flatMap(open -> resolveAll(c, open, b,
                        reason)).replaceWith(n)))
                .invoke(n -> {
                    if (n > 0) {
                        relay.kick();
                    }
                });
    }

    private Uni<Void> resolveAll(SqlClient c, List<Recommendation> open, ConditionBinding b, String reason) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Recommendation r : open) {
            chain = chain.flatMap(x -> assets.byId(r.assetId())).flatMap(a -> {
                AssetInfo info = a.orElse(new AssetInfo(r.assetId(), r.assetTag(), null, null, null));
                Figures f = new Figures(r.predictedCrossing(), r.hoursToCrossing(), r.confidence(), r.slopePerHour(),
                        r.severity(), r.asOf(), r.label(), r.threshold(), r.direction());
                return recommendations.resolve(c, r.id(), reason, null).flatMap(x -> outbox.add(c,
                        event(r.id(), "resolved", info, b, r.hoursToCrossing(), f, false, reason)));
            });
        }
        return chain;
    }

    private OutboxStore.Pending event(UUID id, String action, AssetInfo a, ConditionBinding b, Double hours,
            Figures f, boolean anomaly, String reason) {
        double risk = "resolved".equals(action) ? 0 : policy.risk(a.criticality(), hours);
        var data = new MaintenanceRecommendationData(id, action, a.id(), a.tag(), a.siteId(), a.lineId(), b.metric(),
                b.label(), b.threshold(), b.direction(), a.criticality(), hours, f.predictedCrossing(), f.confidence(),
                f.slopePerHour(), f.severity(), risk, anomaly, reason, f.asOf());
        return events.event(KpiEventTypes.MAINTENANCE, a.id().toString(), a.id().toString(), data);
    }
}
