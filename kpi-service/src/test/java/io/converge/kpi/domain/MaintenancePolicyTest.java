package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.kpi.domain.MaintenancePolicy.Action;
import io.converge.kpi.domain.MaintenancePolicy.Published;
import io.converge.kpi.domain.MaintenancePolicy.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaintenancePolicyTest {

    static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    final MaintenancePolicy policy = new MaintenancePolicy(new MaintenancePolicy.Settings(Duration.ofHours(72), 0.5,
            0.1, 0.1, Duration.ofMinutes(10)));

    static Instant at(double hours) {
        return NOW.plus(Duration.ofSeconds(Math.round(hours * 3600)));
    }

    @Test
    void riskIsCriticalityWeightTimesUrgency() {
        // urgency = 1 − 18/72 = 0.75; critical weight 4 → 3.0
        assertEquals(3.0, policy.risk("critical", 18.0), 1e-12);
        assertEquals(0.75, policy.risk("low", 18.0), 1e-12);
        // unknown asset or criticality counts as medium (2)
        assertEquals(1.5, policy.risk(null, 18.0), 1e-12);
        assertEquals(1.5, policy.risk("galactic", 18.0), 1e-12);
        // clamped: crossed → 1, beyond the horizon → 0, not predictable → 0
        assertEquals(3.0, policy.risk("high", 0.0), 1e-12);
        assertEquals(0.0, policy.risk("high", 100.0), 1e-12);
        assertEquals(0.0, policy.risk("high", null), 1e-12);
        // a later crossing on a critical asset outranks an earlier one on a low one
        double lowSoon = policy.risk("low", 10.0);        // 1 × (1 − 10/72) = 0.861
        double criticalLater = policy.risk("critical", 50.0); // 4 × (1 − 50/72) = 1.222
        assertEquals(0.8611, lowSoon, 1e-4);
        assertEquals(1.2222, criticalLater, 1e-4);
    }

    @Test
    void severityBandsAreThirdsOfTheHorizon() {
        assertEquals(Severity.CROSSED, policy.severity(0));
        assertEquals(Severity.IMMINENT, policy.severity(24));
        assertEquals(Severity.PLANNED, policy.severity(24.01));
        assertEquals(Severity.PLANNED, policy.severity(72));
    }

    @Test
    void opensInsideTheHorizonWithEnoughConfidence() {
        assertEquals(Action.OPEN, policy.decide(KpiValue.of(30), 0.8, at(30), null).action());
        assertEquals(Action.NONE, policy.decide(KpiValue.of(80), 0.99, at(80), null).action());
        assertEquals(Action.NONE, policy.decide(KpiValue.of(30), 0.3, at(30), null).action());
        assertEquals(Action.NONE, policy.decide(KpiValue.undefined("flat"), 0.9, null, null).action());
        // already crossed opens at any confidence
        assertEquals(Action.OPEN, policy.decide(KpiValue.of(0), 0.0, NOW, null).action());
    }

    @Test
    void republishesOnlyOnMaterialChange() {
        Published p = new Published(at(30), Severity.PLANNED);
        // 30 h → 29 h left, crossing moved 1 h: 10 % of 29 h = 2.9 h → no event
        assertEquals(Action.REFRESH, policy.decide(KpiValue.of(29), 0.8, at(31), p).action());
        // moved 4 h > 2.9 h → event
        assertEquals(Action.UPDATE, policy.decide(KpiValue.of(29), 0.8, at(26), p).action());
        // band change planned → imminent
        assertEquals(Action.UPDATE, policy.decide(KpiValue.of(23), 0.8, at(30), p).action());
        // near the crossing the 10-minute floor holds: 1 h left, moved 7 min
        Published near = new Published(at(1), Severity.IMMINENT);
        assertEquals(Action.REFRESH, policy.decide(KpiValue.of(1), 0.8, at(1).plusSeconds(420), near).action());
    }

    @Test
    void resolvesWithHysteresis() {
        Published p = new Published(at(70), Severity.PLANNED);
        // 75 h is beyond 72 h but inside 72 × 1.1 = 79.2 h: stays open
        assertEquals(Action.REFRESH, policy.decide(KpiValue.of(75), 0.8, at(70), p).action());
        assertEquals(Action.RESOLVE, policy.decide(KpiValue.of(80), 0.8, at(80), p).action());
        // confidence 0.46 is below 0.5 but above 0.45: stays; 0.4 resolves
        assertEquals(Action.REFRESH, policy.decide(KpiValue.of(70), 0.46, at(70), p).action());
        assertEquals(Action.RESOLVE, policy.decide(KpiValue.of(70), 0.4, at(70), p).action());
        var gone = policy.decide(KpiValue.undefined("not trending towards the threshold"), 0.9, null, p);
        assertEquals(Action.RESOLVE, gone.action());
        assertEquals("no longer predictable: not trending towards the threshold", gone.reason());
    }
}
