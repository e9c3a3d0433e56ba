package io.converge.kpi.alarm;

import io.converge.events.KpiAlarmData;
import io.converge.events.KpiEventTypes;
import io.converge.kpi.alarm.AlarmRuleCache.Entry;
import io.converge.kpi.domain.AlarmTracker.State;
import io.converge.kpi.domain.AlarmTracker.Transition;
import io.converge.kpi.messaging.KpiEvents;
import io.converge.kpi.messaging.KpiOutboxRelay;
import io.converge.kpi.store.AlarmRepository;
import io.converge.kpi.store.AlarmRepository.Alarm;
import io.converge.kpi.store.AlarmRuleRepository;
import io.converge.kpi.store.AlarmRuleRepository.Rule;
import io.converge.kpi.store.AlarmRuleRepository.Spec;
import io.converge.outbox.OutboxStore;
import io.converge.rest.DomainException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every alarm write, each in one transaction with the outbox row of each transition it makes
 * ({@link KpiEventTypes#ALARM}, subject = alarm id, key = rule id + "/" + scope); after the commit the outbox relay is
 * kicked, the transitions go to the SSE broadcast and the in-memory rules and open alarms are updated.
 *
 * <p>Rule writes: replacing a rule with a different condition (scope, metric or KPI, width, operator, threshold,
 * "for", hysteresis, enabled) clears its open alarms, which belonged to the old condition (cleared_by = the
 * actor, no clear value); a change of severity or description keeps them. Deleting a rule clears its open alarms the
 * same way; the alarms stay in the history.
 */
@ApplicationScoped
public class AlarmTransitions {

    private static final Logger LOG = Logger.getLogger(AlarmTransitions.class);

    private final Pool pool;
    private final AlarmRepository alarms;
    private final AlarmRuleRepository rules;
    private final OutboxStore outbox;
    private final KpiEvents events;
    private final KpiOutboxRelay relay;
    private final AlarmBroadcast broadcast;
    private final AlarmRuleCache cache;
    private final AlarmTrackers trackers;
    private final MeterRegistry registry;

    public AlarmTransitions(Pool pool, AlarmRepository alarms, AlarmRuleRepository rules, OutboxStore outbox,
            KpiEvents events, KpiOutboxRelay relay, AlarmBroadcast broadcast, AlarmRuleCache cache,
            AlarmTrackers trackers, MeterRegistry registry) {
        this.pool = pool;
        this.alarms = alarms;
        this.rules = rules;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.broadcast = broadcast;
        this.cache = cache;
        this.trackers = trackers;
        this.registry = registry;
    }

    /** Writes the raises (to ACTIVE) and clears of a tracker step, one transaction each, in order. */
    public Uni<Void> write(Entry rule, UUID assetId, String assetTag, UUID lineId, List<Transition> ts) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Transition t : ts) {
            chain = chain.chain(() -> t.to() == State.ACTIVE
                    ? raise(new AlarmRepository.Raise(rule.rule(), assetId, assetTag, lineId, t.at(), t.value()))
                    : t.to() == State.CLEARED ? clear(rule.rule(), assetId, t) : Uni.createFrom().voidItem());
        }
        return chain;
    }

    private Uni<Void> raise(AlarmRepository.Raise r) {
        return pool.withTransaction(c -> alarms.raise(c, r).call(a -> record(c, a, KpiAlarmData.RAISED)))
                .invoke(a -> {
                    if (a.isEmpty()) {
                        LOG.debugf("alarm of rule %s on %s is open already", r.rule().id(), r.assetId());
                    }
                    after(a.stream().toList(), KpiAlarmData.RAISED);
                }).replaceWithVoid();
    }

    private Uni<Void> clear(Rule rule, UUID assetId, Transition t) {
        return pool.withTransaction(c -> alarms.clear(c, rule.id(), assetId, t.at(), t.value())
                .call(a -> record(c, a, KpiAlarmData.CLEARED)))
                .invoke(a -> after(a.stream().toList(), KpiAlarmData.CLEARED)).replaceWithVoid();
    }

    /**
     * Acknowledges an active alarm.
     *
     * @throws DomainException 404 when the alarm does not exist, 409 when it is not active
     */
    public Uni<Alarm> acknowledge(UUID id, String actor, String comment) {
        return pool.withTransaction(c -> alarms.acknowledge(c, id, actor, comment)
                .call(a -> record(c, a, KpiAlarmData.ACKNOWLEDGED)))
                .flatMap(a -> {
                    if (a.isPresent()) {
                        after(List.of(a.get()), KpiAlarmData.ACKNOWLEDGED);
                        return Uni.createFrom().item(a.get());
                    }
                    return alarms.find(id).map(found -> {
                        throw found.isEmpty() ? DomainException.notFound("alarm", id)
                                : DomainException.conflict("alarm " + id + " is " + found.get().state()
                                        + ": only an active alarm can be acknowledged");
                    });
                });
    }

    public Uni<Rule> create(Spec spec, String actor) {
        return rules.insert(spec, actor).invoke(cache::put);
    }

    /**
     * Replaces a rule when its version is {@code expected} (any version when null).
     *
     * @throws DomainException 404 when it does not exist, 412 when its version differs
     */
    public Uni<Rule> replace(UUID id, Spec spec, Long expected, String actor) {
        record Replaced(Rule rule, List<Alarm> cleared, boolean conditionChanged) {
        }
        return pool.withTransaction(c -> locked(c, id, expected).flatMap(old -> {
            boolean changed = !old.spec().sameCondition(spec);
            return rules.replace(c, id, spec, actor).flatMap(r -> (changed ? clearAll(c, id, actor)
                    : Uni.createFrom().item(List.<Alarm>of())).map(cl -> new Replaced(r, cl, changed)));
        })).map(x -> {
            cache.put(x.rule());
            if (x.conditionChanged()) {
                trackers.forget(id);
            }
            after(x.cleared(), KpiAlarmData.CLEARED);
            return x.rule();
        });
    }

    /**
     * Deletes a rule when its version is {@code expected} (any version when null), clearing its open alarms.
     *
     * @throws DomainException 404 when it does not exist, 412 when its version differs
     */
    public Uni<Void> delete(UUID id, Long expected, String actor) {
        return pool.withTransaction(c -> locked(c, id, expected)
                .flatMap(old -> clearAll(c, id, actor).call(x -> rules.delete(c, id)))).invoke(cleared -> {
                    cache.remove(id);
                    trackers.forget(id);
                    after(cleared, KpiAlarmData.CLEARED);
                }).replaceWithVoid();
    }

    private Uni<Rule> locked(SqlClient c, UUID id, Long expected) {
        return rules.find(c, id, true).map(r -> {
            Rule rule = r.orElseThrow(() -> DomainException.notFound("alarm rule", id));
            if (expected != null && rule.version() != expected) {
                throw new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                        "the alarm rule changed (version " + rule.version() + "); read it again");
            }
            return rule;
        });
    }

    private Uni<List<Alarm>> clearAll(SqlClient c, UUID ruleId, String actor) {
        return alarms.clearAll(c, ruleId, actor).call(cleared -> outbox.addAll(c, cleared.stream()
                .map(a -> pending(a, KpiAlarmData.CLEARED)).toList()));
    }

    private Uni<Void> record(SqlClient c, Optional<Alarm> a, String transition) {
        return a.isEmpty() ? Uni.createFrom().voidItem() : outbox.add(c, pending(a.get(), transition));
    }

    private OutboxStore.Pending pending(Alarm a, String transition) {
        return events.event(KpiEventTypes.ALARM, a.id().toString(), a.ruleId() + "/" + a.scope(),
                a.event(transition));
    }

    private void after(List<Alarm> committed, String transition) {
        if (committed.isEmpty()) {
            return;
        }
        registry.counter("converge.kpi.alarm.transitions", "transition", transition).increment(committed.size());
        committed.forEach(a -> {
            cache.transitioned(a);
            broadcast.publish(a.event(transition));
        });
        relay.kick();
    }
}
