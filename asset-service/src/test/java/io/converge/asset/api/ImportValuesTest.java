package io.converge.asset.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Repeating import values are held once; the estimate follows what is held. */
class ImportValuesTest {

    @Test
    void repeatingValuesAndLabelSetsAreShared() {
        ImportValues values = new ImportValues();
        String a = values.shared(new String("Converge"));
        assertSame(a, values.shared(new String("Converge")));
        Map<String, String> first = new LinkedHashMap<>(Map.of("purpose", "bench", "line", "filler"));
        Map<String, String> labels = values.labels(first);
        assertSame(labels, values.labels(new LinkedHashMap<>(Map.of("line", "filler", "purpose", "bench"))));
        assertEquals(List.of("line", "purpose"), List.copyOf(labels.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> labels.put("x", "y"));
        assertSame(Map.of(), values.labels(Map.of()));
    }

    @Test
    void footprintCountsNewValuesOnlyAndStopsSharingPastTheCap() {
        ImportValues values = new ImportValues();
        values.shared("BP-100");
        long once = values.footprint();
        values.shared(new String("BP-100"));
        assertEquals(once, values.footprint());
        for (int i = 0; i < ImportValues.MAX_SHARED + 10; i++) {
            values.shared("v" + i);
        }
        String past = values.shared(new String("v" + (ImportValues.MAX_SHARED + 5)));
        assertTrue(past != values.shared(new String("v" + (ImportValues.MAX_SHARED + 5))), "not pooled past the cap");
    }

    @Test
    void textSizeFollowsTheStringLayout() {
        // String object 24 bytes; byte array: 16-byte header + the characters, rounded up to 8
        assertEquals(24 + 40, ImportValues.text("BENCH-PATCH-D000001"));
        assertEquals(24 + 24, ImportValues.text("Süd"), "Latin-1: one byte a character");
        assertEquals(24 + 32, ImportValues.text("東京の工場"), "others: two bytes a character");
        assertEquals(0, ImportValues.text(null));
    }
}
