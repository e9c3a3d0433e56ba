package io.converge.kpi.alarm;

import static io.converge.kpi.alarm.AlarmLifecycleTest.asset;
import static io.converge.kpi.alarm.AlarmLifecycleTest.createRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.kpi.stream.AssetInfo;
import io.converge.kpi.stream.KpiSample;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alarm stream read by a real HTTP client: a raise and its acknowledgement arrive as Server-Sent Events. */
@QuarkusTest
class AlarmStreamTest {

    @TestHTTPResource("/api/v1/kpis/alarms/stream")
    URI stream;
    @Inject
    MetricAlarms metrics;
    @Inject
    AlarmBroadcast broadcast;

    @Test
    void transitionsArriveAsServerSentEvents() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest noRole = HttpRequest.newBuilder(stream).header("Authorization", KeycloakTokens.bearer("nobody"))
                .header("Accept", "text/event-stream").build();
        assertEquals(403, client.send(noRole, HttpResponse.BodyHandlers.discarding()).statusCode());

        HttpRequest req = HttpRequest.newBuilder(stream).header("Authorization", KeycloakTokens.bearer("viewer"))
                .header("Accept", "text/event-stream").build();
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Void>> open = client.sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(
                new java.util.concurrent.Flow.Subscriber<String>() {
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                        if (line.startsWith("data:")) {
                            events.add(line.substring(5).strip());
                        }
                    }

                    public void onError(Throwable t) {
                    }

                    public void onComplete() {
                    }
                }));
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (broadcast.subscriberCount() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(broadcast.subscriberCount() > 0, "the stream subscribed");
            AssetInfo a = asset(null);
            String rule = createRule("asset:" + a.tag(), "\"metric\":\"pressure\",\"operator\":\">\","
                    + "\"threshold\":3,\"severity\":\"critical\"");
            metrics.onSamples(a, List.of(new KpiSample(a.id(), "pressure", Instant.parse("2026-11-25T09:00:00Z"),
                    3.5, null, 0))).await().atMost(Duration.ofSeconds(10));
            JsonNode raised = next(events, rule);
            assertEquals("raised", raised.path("transition").asText());
            assertEquals("active", raised.path("state").asText());
            assertEquals(a.tag(), raised.path("assetTag").asText());
            assertEquals(3.5, raised.path("raiseValue").asDouble());
            AlarmLifecycleTest.ack("operator", raised.path("alarmId").asText(), null).statusCode(200);
            JsonNode acked = next(events, rule);
            assertEquals("acknowledged", acked.path("transition").asText());
            assertEquals("operator", acked.path("acknowledgedBy").asText());
        } finally {
            open.cancel(true);
        }
    }

    private static JsonNode next(LinkedBlockingQueue<String> events, String rule) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String data = events.poll(200, TimeUnit.MILLISECONDS);
            if (data != null) {
                JsonNode n = json.readTree(data);
                if (rule.equals(n.path("ruleId").asText())) {
                    return n;
                }
            }
        }
        throw new AssertionError("no event of rule " + rule + " on the stream");
    }
}
