package io.converge.security.api;

import static io.converge.security.api.Api.as;
import static io.converge.security.api.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.events.Topics;
import io.converge.security.messaging.AlertPublisher;
import io.converge.testing.KafkaTopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Alert events on converge.security.alerts: a raised alert is published at once; further events grouped into it are
 * published coalesced — at most once per publish interval (2 s in tests), always with the latest state; an update
 * left pending by a stopped instance is published by the sweep.
 */
@QuarkusTest
class AlertPublicationTest {

    private static final String EVENTS = "/api/v1/security/events";
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @Inject
    AlertPublisher publisher;

    @Inject
    Pool pool;

    @Test
    void updatesOfABusyAlertAreCoalescedAndTheLatestStateGoesOut() {
        String user = "pub-" + UUID.randomUUID();
        int batches = 10;
        try (KafkaTopicReader published = new KafkaTopicReader(Topics.SECURITY_ALERTS)) {
            String brute = bruteForceAlert(post("analyst", EVENTS, AlertFlowTest.failures(user, 5)).statusCode(200)
                    .extract().jsonPath().getList("alerts"));
            KafkaTopicReader.Received raised = published.await(x -> of(x, brute), Duration.ofSeconds(30));
            assertEquals("io.converge.security.alert-raised", raised.value().get("type").asText(), raised.toString());

            // ten more batches right away: all grouped into it, not published one by one
            for (int i = 0; i < batches; i++) {
                post("analyst", EVENTS, AlertFlowTest.failures(user, 5)).statusCode(200);
            }
            long count = 5L * (batches + 1);
            as("analyst").get("/api/v1/security/alerts/" + brute).then().body("count",
                    org.hamcrest.Matchers.equalTo((int) count));
            List<KafkaTopicReader.Received> updates = new java.util.ArrayList<>();
            while (updates.isEmpty() || updates.get(updates.size() - 1).value().path("data").path("count")
                    .asLong() < count) {
                updates.add(published.await(x -> of(x, brute), Duration.ofSeconds(30)));
            }
            // the latest state went out, and nothing after it
            assertFalse(published.drain(INTERVAL.plusSeconds(2)).stream().anyMatch(x -> of(x, brute)));
            assertTrue(updates.size() < batches, updates.size() + " updates published for " + batches + " batches");
            Instant previous = Instant.parse(raised.value().get("time").asText());
            for (KafkaTopicReader.Received u : updates) {
                assertEquals("io.converge.security.alert-updated", u.value().get("type").asText());
                Instant at = Instant.parse(u.value().get("time").asText());
                // at most one per interval (the tolerance covers the storing transaction's own duration)
                assertTrue(!at.isBefore(previous.plus(INTERVAL).minusMillis(500)),
                        "published " + Duration.between(previous, at).toMillis() + " ms after the previous one");
                previous = at;
            }
        }
    }

    @Test
    void anUpdateLeftPendingByAStoppedInstanceIsPublishedByTheSweep() {
        String user = "sweep-" + UUID.randomUUID();
        String brute = bruteForceAlert(post("analyst", EVENTS, AlertFlowTest.failures(user, 5)).statusCode(200)
                .extract().jsonPath().getList("alerts"));
        // as an instance leaves it when it stops after the commit, before its publisher's tick
        pool.preparedQuery("UPDATE alert SET event_count = 7, publish_pending = true,"
                + " published_at = now() - interval '1 hour' WHERE id = $1").execute(Tuple.of(UUID.fromString(brute)))
                .await().indefinitely();
        try (KafkaTopicReader published = new KafkaTopicReader(Topics.SECURITY_ALERTS)) {
            assertTrue(publisher.publishAllDue().await().indefinitely() >= 1);
            KafkaTopicReader.Received updated = published.await(x -> of(x, brute), Duration.ofSeconds(30));
            assertEquals("io.converge.security.alert-updated", updated.value().get("type").asText());
            assertEquals(7, updated.value().path("data").path("count").asInt());
        }
        assertEquals(false, pool.preparedQuery("SELECT publish_pending FROM alert WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(brute))).await().indefinitely().iterator().next().getBoolean(0));
    }

    @Test
    void anAlertAGroupingBatchHoldsIsSkippedNotWaitedFor() {
        String user = "held-" + UUID.randomUUID();
        UUID brute = UUID.fromString(bruteForceAlert(post("analyst", EVENTS, AlertFlowTest.failures(user, 5))
                .statusCode(200).extract().jsonPath().getList("alerts")));
        pool.preparedQuery("UPDATE alert SET publish_pending = true, published_at = now() - interval '1 hour'"
                + " WHERE id = $1").execute(Tuple.of(brute)).await().indefinitely();
        // a grouping transaction holds the alert's row lock (as its upsert does until it commits)
        io.vertx.mutiny.sqlclient.SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            holder.query("BEGIN").execute().await().indefinitely();
            holder.preparedQuery("SELECT 1 FROM alert WHERE id = $1 FOR UPDATE").execute(Tuple.of(brute))
                    .await().indefinitely();
            long started = System.nanoTime();
            publisher.publishAllDue().await().atMost(Duration.ofSeconds(5));
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos(), "the publisher waited");
            assertEquals(true, pending(brute), "skipped, still pending");
            holder.query("COMMIT").execute().await().indefinitely();
        } finally {
            holder.close().await().indefinitely();
        }
        publisher.publishAllDue().await().indefinitely();
        assertEquals(false, pending(brute), "published once released");
    }

    private boolean pending(UUID alert) {
        return pool.preparedQuery("SELECT publish_pending FROM alert WHERE id = $1").execute(Tuple.of(alert))
                .await().indefinitely().iterator().next().getBoolean(0);
    }

    private static boolean of(KafkaTopicReader.Received x, String alert) {
        return alert.equals(x.value().path("data").path("alertId").asText());
    }

    private static String bruteForceAlert(List<String> alerts) {
        return alerts.stream().filter(id -> "100101".equals(as("analyst").get("/api/v1/security/alerts/" + id)
                .then().extract().path("ruleId"))).findFirst().orElseThrow();
    }
}
