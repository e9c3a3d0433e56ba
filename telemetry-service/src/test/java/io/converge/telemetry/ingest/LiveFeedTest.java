package io.converge.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.store.PointStore.Accepted;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The live feed behind /api/v1/telemetry/stream, without Quarkus: what a subscriber gets of each batch. */
class LiveFeedTest {

    private final AssetRef asset = new AssetRef(UUID.randomUUID(), "PLC-1", null, "active", Map.of(), 1, false);
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

    private List<Accepted> batch(int from, int n) {
        return IntStream.range(from, from + n).mapToObj(i -> new Accepted(asset,
                new Point("PLC-1", "m" + i, t0.plusMillis(i), (double) i, null, Quality.GOOD, null))).toList();
    }

    @Test
    void everyPointOfABatchReachesASubscriberThatAsksOneAtATime() {
        LiveFeed feed = new LiveFeed();
        // the SSE writer asks for one element, and for the next once it is written
        AssertSubscriber<Accepted> sub = feed.subscribe(asset.id()).subscribe().withSubscriber(AssertSubscriber.create(1));
        feed.publish(batch(0, 5));
        sub.request(4);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), sub.getItems().stream().map(a -> a.point().metric()).toList());
    }

    @Test
    void aSubscriberThatDoesNotKeepUpMissesPointsBeyondItsBacklog() {
        LiveFeed feed = new LiveFeed();
        AssertSubscriber<Accepted> slow = feed.subscribe(asset.id()).subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<Accepted> fast = feed.subscribe(asset.id()).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        feed.publish(batch(0, LiveFeed.BACKLOG + 100));
        slow.request(Long.MAX_VALUE);
        assertEquals(LiveFeed.BACKLOG, slow.getItems().size(), "the slow subscriber keeps its backlog only");
        assertEquals(LiveFeed.BACKLOG + 100, fast.getItems().size(), "the fast one misses nothing");
        // once caught up, it gets new points again
        feed.publish(batch(5000, 3));
        assertEquals(LiveFeed.BACKLOG + 3, slow.getItems().size());
    }

    @Test
    void aCancelledSubscriberIsForgotten() {
        LiveFeed feed = new LiveFeed();
        AssertSubscriber<Accepted> sub = feed.subscribe(asset.id()).subscribe().withSubscriber(AssertSubscriber.create(1));
        assertEquals(1, feed.subscriberCount());
        sub.cancel();
        assertEquals(0, feed.subscriberCount());
        feed.publish(batch(0, 2));
        assertEquals(0, sub.getItems().size());
    }
}
