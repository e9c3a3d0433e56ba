package io.converge.telemetry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.RegistryStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Daily partitions against the real database: created ahead and back to the horizon, old ones dropped whole. */
@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
class PartitionsTest {

    @Inject
    Partitions partitions;

    @Inject
    Pool pool;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void startupCreatedEveryDayFromTheRetentionHorizonToThreeDaysAhead() {
        List<LocalDate> days = partitions.days().await().indefinitely();
        assertEquals(today.minusDays(30), days.get(0));
        assertEquals(today.plusDays(3), days.get(days.size() - 1));
        assertEquals(34, days.size());
        // a second run at the same date changes nothing
        Partitions.Outcome again = partitions.maintain(today, 30, 3).await().indefinitely();
        assertTrue(again.created().isEmpty() && again.dropped().isEmpty(), again.toString());
    }

    @Test
    void daysLaterNewPartitionsAppearAndExpiredOnesAreDroppedWithTheirRows() {
        LocalDate expiring = today.minusDays(30);
        pool.query("INSERT INTO point (asset_id, metric, ts, value) VALUES ('" + RegistryStub.id("TEL-PLC-1")
                + "', 'expiring', '" + expiring + "T12:00:00Z', 1)").execute().await().indefinitely();
        try {
            Partitions.Outcome later = partitions.maintain(today.plusDays(2), 30, 3).await().indefinitely();
            assertEquals(List.of(Partitions.name(today.plusDays(4)), Partitions.name(today.plusDays(5))),
                    later.created());
            assertEquals(List.of(Partitions.name(expiring), Partitions.name(expiring.plusDays(1))), later.dropped());
            assertEquals(0L, pool.query("SELECT count(*) FROM point WHERE metric = 'expiring'").execute().await()
                    .indefinitely().iterator().next().getLong(0));
            assertFalse(partitions.days().await().indefinitely().contains(expiring));
        } finally {
            // put today's layout back for the other tests
            for (LocalDate d : List.of(today.plusDays(4), today.plusDays(5))) {
                pool.query("DROP TABLE IF EXISTS " + Partitions.name(d)).execute().await().indefinitely();
            }
            partitions.maintain(today, 30, 3).await().indefinitely();
        }
        assertTrue(partitions.days().await().indefinitely().contains(expiring));
    }
}
