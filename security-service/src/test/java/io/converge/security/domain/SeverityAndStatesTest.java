package io.converge.security.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.rest.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityAndStatesTest {

    @ParameterizedTest(name = "level {0}, {1}, SL-T {2} → {3} {4}")
    @CsvSource({
        "12, high, 2, 80, critical",
        "12, critical, 2, 96, critical",
        "12, low, 0, 38, low",
        "15, critical, 4, 100, critical",
        "10, medium, , 53, medium",
        ", , , 0, info",
        "8, , 1, 38, low",
        "3, high, 4, 24, low",
    })
    void scoreIsLevelWeightedByCriticalityAndZone(Integer level, String crit, Integer slT, int score, String sev) {
        int s = SeverityScore.score(level == null ? 0 : level, crit, slT);
        assertEquals(score, s);
        assertEquals(sev, SeverityScore.severity(s));
    }

    @Test
    void aHigherZoneOrCriticalityNeverLowersTheScore() {
        for (int level = 0; level <= 15; level++) {
            for (int sl = 0; sl < 4; sl++) {
                assertTrue(SeverityScore.score(level, "high", sl + 1) >= SeverityScore.score(level, "high", sl));
                assertTrue(SeverityScore.score(level, "critical", sl) >= SeverityScore.score(level, "medium", sl));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SeverityScore.score(16, "high", 1));
    }

    @Test
    void alertLifecycle() {
        assertEquals(AlertState.ACKNOWLEDGED, AlertState.NEW.moveTo(AlertState.ACKNOWLEDGED));
        assertEquals(AlertState.RESOLVED, AlertState.IN_PROGRESS.moveTo(AlertState.RESOLVED));
        assertTrue(AlertState.NEW.canMoveTo(AlertState.FALSE_POSITIVE));
        DomainException e = assertThrows(DomainException.class, () -> AlertState.RESOLVED.moveTo(AlertState.NEW));
        assertEquals(409, e.status());
        assertFalse(AlertState.IN_PROGRESS.canMoveTo(AlertState.ACKNOWLEDGED));
        assertFalse(AlertState.FALSE_POSITIVE.open());
        assertEquals(AlertState.IN_PROGRESS, AlertState.of("in-progress"));
        assertEquals(422, assertThrows(DomainException.class, () -> AlertState.of("closed")).status());
    }

    @Test
    void cidr() {
        assertTrue(Cidr.parse("10.0.0.0/8").contains("10.200.1.1"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("11.0.0.1"));
        assertTrue(Cidr.parse("192.168.1.128/25").contains("192.168.1.200"));
        assertFalse(Cidr.parse("192.168.1.128/25").contains("192.168.1.100"));
        assertTrue(Cidr.parse("fd00::/8").contains("fd12::1"));
        assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:10.1.2.3"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("not-an-ip"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}
