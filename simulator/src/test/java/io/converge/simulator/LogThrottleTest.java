package io.converge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void logsTheFirstFailureThenOncePerPeriodWithTheCountSuppressed() {
        LogThrottle t = new LogThrottle(Duration.ofMinutes(1));
        Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
        assertEquals(0, t.failure("line 3", t0));
        assertEquals(-1, t.failure("line 3", t0.plusSeconds(2)));
        assertEquals(-1, t.failure("line 3", t0.plusSeconds(4)));
        assertEquals(0, t.failure("line 6", t0.plusSeconds(4)), "keys are independent");
        assertEquals(2, t.failure("line 3", t0.plusSeconds(60)));
        t.success("line 3");
        assertEquals(0, t.failure("line 3", t0.plusSeconds(61)), "after a success the next failure is logged");
    }
}
