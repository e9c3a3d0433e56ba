package io.converge.kpi.alarm;

import io.converge.events.KpiAlarmData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alarm transitions of this replica, for Server-Sent Events: each subscriber gets every transition committed by
 * this replica after it subscribed. It is a per-replica broadcast, not a cluster-wide one: with several replicas a
 * client sees the transitions of the replica it is connected to (alarms raised from the Kafka partitions that replica
 * consumes, and the acknowledgements and rule changes it served); converge.kpi.events carries them all. A subscriber
 * that cannot keep up misses transitions (dropped for it alone) rather than slowing evaluation.
 */
@ApplicationScoped
public class AlarmBroadcast {

    private final Set<MultiEmitter<? super KpiAlarmData>> subscribers = ConcurrentHashMap.newKeySet();

    public Multi<KpiAlarmData> subscribe() {
        return Multi.createFrom().<KpiAlarmData>emitter(em -> {
            subscribers.add(em);
            em.onTermination(() -> subscribers.remove(em));
        }, BackPressureStrategy.DROP);
    }

    public void publish(KpiAlarmData transition) {
        subscribers.forEach(em -> em.emit(transition));
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
