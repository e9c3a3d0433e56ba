package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void labelsAreCopiedAndNeverNull() {
        Map<String, String> labels = new HashMap<>(Map.of("area", "paint"));
        Target t = new Target(UUID.randomUUID(), "PLC-1", null, null, "S7-1500", "2.9.1", Criticality.LOW, null, labels);
        labels.put("area", "weld");
        assertEquals(Map.of("area", "paint"), t.labels());
        Target bare = new Target(UUID.randomUUID(), "PLC-2", null, null, "S7-1500", null, Criticality.HIGH, null, null);
        assertTrue(bare.labels().isEmpty());
    }

    @Test
    void idTagAndCriticalityAreRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> new Target(null, "PLC-1", null, null, "m", null, Criticality.LOW, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Target(UUID.randomUUID(), " ", null, null, "m", null, Criticality.LOW, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Target(UUID.randomUUID(), "PLC-1", null, null, "m", null, null, null, null));
    }

    @Test
    void criticalityParsesAnyCaseAndOrdersLowFirst() {
        assertEquals(Criticality.CRITICAL, Criticality.parse(" Critical "));
        assertEquals("medium", Criticality.MEDIUM.toString());
        assertTrue(Criticality.LOW.compareTo(Criticality.MEDIUM) < 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Criticality.parse("urgent"));
        assertTrue(e.getMessage().contains("low, medium, high, critical"));
    }
}
