package io.converge.patch.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.KpiAlarmData;
import io.converge.events.KpiEventTypes;
import io.converge.events.KpiWindowData;
import io.converge.patch.store.KpiObservations;
import io.converge.rest.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes converge.kpi.events for the KPI guard: 1-min windows of assets on a line and raised alarms on a line are
 * recorded ({@link KpiObservations}); other events (hour windows, maintenance, acknowledgements) are skipped. The
 * group starts at the topic's end on first start: the guard compares an update's observation period with the hour
 * before it, not with history. Unreadable records go to converge.kpi.events.dlq; transient failures are retried.
 */
@ApplicationScoped
public class KpiEventsConsumer {

    private final KpiObservations observations;
    private final ObjectMapper json;

    public KpiEventsConsumer(KpiObservations observations, ObjectMapper json) {
        this.observations = observations;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("kpi-events")
    public Uni<Void> onEvent(String record) {
        Uni<Void> work;
        try {
            JsonNode node = json.readTree(record == null ? "" : record);
            if (node == null || !node.isObject() || !node.path("type").isTextual()) {
                throw new IllegalArgumentException("not a CloudEvent object");
            }
            String type = node.path("type").asText();
            JsonNode data = node.path("data");
            if (KpiEventTypes.WINDOW.equals(type)) {
                KpiWindowData w = json.treeToValue(data, KpiWindowData.class);
                if (w == null || w.assetId() == null || w.start() == null) {
                    throw new IllegalArgumentException("KPI window event without asset or start");
                }
                work = w.lineId() == null || !"PT1M".equals(w.width()) ? Uni.createFrom().voidItem()
                        : observations.window(w);
            } else if (KpiEventTypes.ALARM.equals(type)) {
                KpiAlarmData a = json.treeToValue(data, KpiAlarmData.class);
                if (a == null || a.alarmId() == null || a.raisedAt() == null) {
                    throw new IllegalArgumentException("KPI alarm event without alarm id or raise time");
                }
                work = a.lineId() == null || !KpiAlarmData.RAISED.equals(a.transition()) ? Uni.createFrom().voidItem()
                        : observations.alarm(a);
            } else {
                work = Uni.createFrom().voidItem();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable KPI event: " + e.getMessage()));
        }
        return work.onFailure(TransientFailures::test).retry().withBackOff(Duration.ofMillis(200),
                Duration.ofSeconds(10)).indefinitely();
    }
}
