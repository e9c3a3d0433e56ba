package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "spindle.temp", "line1/press:good_count", "Energy-kWh"})
    void validMetricNames(String name) {
        assertTrue(Validation.isValidMetric(name));
        assertEquals(name, Validation.requireMetric(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "_x", "has space", "ümlaut", "a;drop"})
    void invalidMetricNames(String name) {
        assertFalse(Validation.isValidMetric(name));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validation.requireMetric(name));
        assertTrue(e.getMessage().contains("does not match"));
    }

    @Test
    void metricNameLengthLimit() {
        assertTrue(Validation.isValidMetric("a".repeat(128)));
        assertFalse(Validation.isValidMetric("a".repeat(129)));
        assertFalse(Validation.isValidMetric(null));
    }

    @Test
    void cycleTimeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Validation.requirePositiveCycleTime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Validation.requirePositiveCycleTime(Duration.ofSeconds(-3)));
        assertThrows(IllegalArgumentException.class, () -> Validation.requirePositiveCycleTime(null));
        assertThrows(IllegalArgumentException.class, () -> Validation.requirePositiveCycleTimeSeconds(-0.5));
        assertThrows(IllegalArgumentException.class, () -> Validation.requirePositiveCycleTimeSeconds(Double.NaN));
        assertEquals(2.5, Validation.requirePositiveCycleTimeSeconds(2.5), 0);
    }

    @Test
    void windowMustBeOrdered() {
        Instant t = Instant.parse("2026-03-02T00:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> Validation.requireWindow(t, t));
        assertThrows(IllegalArgumentException.class, () -> Validation.requireWindow(t.plusSeconds(1), t));
        Validation.requireWindow(t, t.plusSeconds(1));
    }

    @Test
    void scopeParsing() {
        UUID id = UUID.fromString("3f2b8c1e-6d7a-4e2b-9c1d-0a1b2c3d4e5f");
        assertEquals(new Scope.Line(id), Scope.parse("line:" + id));
        assertEquals(new Scope.Asset("PRESS-01"), Scope.parse("asset:PRESS-01"));
        assertEquals("asset:PRESS-01", Scope.parse("asset:PRESS-01").asString());
        for (String bad : List.of("site:abc", "line:not-a-uuid", "line:1-1-1-1-1", "asset:", "asset:bad tag",
                "lineabc", "", "LINE:" + id)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.parse(bad), bad);
            assertTrue(e.getMessage().contains("scope") || e.getMessage().contains("asset tag"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Scope.parse(null));
    }
}
