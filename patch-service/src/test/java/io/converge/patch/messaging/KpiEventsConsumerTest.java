package io.converge.patch.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.KpiAlarmData;
import io.converge.events.KpiEventTypes;
import io.converge.events.KpiWindowData;
import io.converge.events.Topics;
import io.converge.patch.domain.KpiGuard;
import io.converge.patch.store.KpiObservations;
import io.converge.testing.KafkaTopicReader;
import io.converge.testing.KafkaTopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The KPI guard's intake on real Kafka: kpi-service's 1-min windows of a line's assets give the line's OEE from summed
 * figures (a correction replaces a window, an older revision does not); raised alarms on the line are recorded once;
 * an unreadable record goes to the DLQ; the guard pauses on the drop.
 */
@QuarkusTest
class KpiEventsConsumerTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Inject
    ObjectMapper json;
    @Inject
    KpiObservations observations;

    /** One record key for a test: its events stay on one partition, in order (as kpi-service keys by asset). */
    private final String key = UUID.randomUUID().toString();

    @Test
    void lineOeeAndAlarmsFromKpiEvents() throws Exception {
        UUID line = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (KafkaTopicWriter writer = new KafkaTopicWriter();
             KafkaTopicReader dlq = new KafkaTopicReader(Topics.dlq(Topics.KPI_EVENTS))) {
            // the group starts at the topic's end: probe until the consumer is assigned and takes events
            UUID probeLine = UUID.randomUUID();
            await(() -> {
                send(writer, KpiEventTypes.ALARM, alarm(probeLine, "raised", "probe"));
                sleep(300);
                return !observations.alarms(Set.of(probeLine), T.minusSeconds(60), T.plusSeconds(60)).await()
                        .indefinitely().isEmpty();
            });
            // A: PBT 60, APT 60, E 0.9, 10/10; B: PBT 60, APT 30, E 0.8, 4 of 5 good
            send(writer, KpiEventTypes.WINDOW, window(a, line, 0, 60, 60, 0.9, 10, 10));
            send(writer, KpiEventTypes.WINDOW, window(b, line, 0, 60, 30, 0.8, 5, 4));
            send(writer, KpiEventTypes.WINDOW, hour(a, line));
            writer.send(Topics.KPI_EVENTS, key, "[\"not an event\"]");
            send(writer, KpiEventTypes.ALARM, alarm(line, "raised", "OEE below 60 %"));
            send(writer, KpiEventTypes.ALARM, alarm(line, "acknowledged", "ignored"));
            await(() -> observations.lineOee(Set.of(line), T, T.plusSeconds(60)).await().indefinitely().size() == 1
                    && !observations.alarms(Set.of(line), T, T.plusSeconds(60)).await().indefinitely().isEmpty());
            // A = 90/120, E = (54 + 24)/90, Q = 14/15
            double oee = 0.75 * (78.0 / 90) * (14.0 / 15);
            await(() -> Math.abs(lineOee(line) - oee) < 1e-9);

            // a correction of B (revision 1: APT 60) replaces it; the old revision arriving again does not
            send(writer, KpiEventTypes.WINDOW, window(b, line, 1, 60, 60, 0.8, 5, 4));
            send(writer, KpiEventTypes.WINDOW, window(b, line, 0, 60, 30, 0.8, 5, 4));
            double corrected = 1.0 * ((54.0 + 48) / 120) * (14.0 / 15);
            UUID markerLine = UUID.randomUUID();
            send(writer, KpiEventTypes.ALARM, alarm(markerLine, "raised", "marker"));
            await(() -> !observations.alarms(Set.of(markerLine), T.minusSeconds(60), T.plusSeconds(60)).await()
                    .indefinitely().isEmpty());
            assertEquals(corrected, lineOee(line), 1e-9);
            assertEquals(1, observations.alarms(Set.of(line), T, T.plusSeconds(60)).await().indefinitely().size());
            assertTrue(dlq.await(r -> key.equals(r.key()), Duration.ofSeconds(30)).value().isArray());

            var o = new KpiGuard.Observation(Set.of(line), T, T.plusSeconds(60));
            var decision = new KpiGuard(0.05).evaluate(o, Map.of(line, 0.95),
                    observations.lineOee(Set.of(line), T, T.plusSeconds(60)).await().indefinitely(),
                    observations.alarms(Set.of(line), T, T.plusSeconds(60)).await().indefinitely());
            assertEquals(KpiGuard.Verdict.PAUSE, decision.verdict());
            assertTrue(decision.reason().contains("OEE below 60 %"), decision.reason());
        }
    }

    @Test
    void undefinedEffectivenessLeavesTheLineOeeUndefined() throws Exception {
        UUID line = UUID.randomUUID();
        try (KafkaTopicWriter writer = new KafkaTopicWriter()) {
            UUID asset = UUID.randomUUID();
            KpiWindowData w = new KpiWindowData(asset, "X", line, null, "PT1M", T, T.plusSeconds(60), 0, 1.0, null,
                    1.0, null, Map.of("effectiveness", "production outside any production order"), 60, 60, 5, 5, 0,
                    0, 0, Map.of());
            await(() -> {
                send(writer, KpiEventTypes.WINDOW, w);
                sleep(300);
                return !observations.lineOee(Set.of(line), T, T.plusSeconds(60)).await().indefinitely().isEmpty();
            });
            assertNull(observations.lineOee(Set.of(line), T, T.plusSeconds(60)).await().indefinitely().get(0).oee());
        }
    }

    private double lineOee(UUID line) {
        List<KpiGuard.OeeSample> l = observations.lineOee(Set.of(line), T, T.plusSeconds(60)).await().indefinitely();
        return l.isEmpty() || l.get(0).oee() == null ? Double.NaN : l.get(0).oee();
    }

    static KpiWindowData window(UUID asset, UUID line, int revision, double pbt, double apt, double e, double pq,
            double gq) {
        return new KpiWindowData(asset, "A-" + asset.toString().substring(0, 4), line, null, "PT1M", T,
                T.plusSeconds(60), revision, apt / pbt, e, gq / pq, null, Map.of(), pbt, apt, pq, gq, 0, 0, 0,
                Map.of());
    }

    static KpiWindowData hour(UUID asset, UUID line) {
        return new KpiWindowData(asset, "H", line, null, "PT1H", T, T.plusSeconds(3600), 0, 0.1, 0.1, 0.1, null,
                Map.of(), 3600, 360, 10, 1, 0, 0, 0, Map.of());
    }

    static KpiAlarmData alarm(UUID line, String transition, String description) {
        return new KpiAlarmData(UUID.randomUUID(), UUID.randomUUID(), transition, "active", 1, "warning",
                "line:" + line, null, null, line, null, "oee", "PT1M", "<", 0.6, 0, description, T.plusSeconds(30),
                0.5, null, null, null, null, null, null);
    }

    private void send(KafkaTopicWriter writer, String type, Object data) {
        try {
            writer.send(Topics.KPI_EVENTS, key,
                    json.writeValueAsString(CloudEvent.of(KpiEventTypes.SOURCE, type, null, data)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(Supplier<Boolean> condition) {
        io.converge.testing.Await.until("the consumer", Duration.ofSeconds(60), condition::get);
    }
}
