package io.converge.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AssetViewTest {

    private static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private final AssetView view = new AssetView("sparkplug");

    private static AssetRef ref(UUID id, String tag, long version) {
        return new AssetRef(id, tag, SITE, "active", Map.of(), version, false);
    }

    private static AssetRef ref(UUID id, String tag, String status, Map<String, String> labels, long version,
            boolean deleted) {
        return new AssetRef(id, tag, SITE, status, labels, version, deleted);
    }

    private static String tagOf(Optional<AssetRef> a) {
        return a.map(AssetRef::tag).orElse(null);
    }

    @Test
    void startsEmptyAndNotLoaded() {
        assertFalse(view.loaded());
        assertEquals(0, view.size());
        assertTrue(view.byTag("PLC-1").isEmpty());
        assertTrue(view.byTag(null).isEmpty());
        view.markLoaded();
        assertTrue(view.loaded());
    }

    @Test
    void newAssetIsFoundByTagAndId() {
        assertTrue(view.apply(ref(A, "PLC-1", 1)));
        assertEquals(A, view.byTag("PLC-1").orElseThrow().id());
        assertEquals("PLC-1", tagOf(view.byId(A)));
        assertEquals(1, view.size());
    }

    @Test
    void olderVersionNeverReplacesNewer() {
        view.apply(ref(A, "PLC-1", "active", Map.of(), 5, false));
        assertFalse(view.apply(ref(A, "PLC-1", "quarantined", Map.of(), 4, false)));
        assertFalse(view.byTag("PLC-1").orElseThrow().quarantined());
        assertEquals(5, view.byId(A).orElseThrow().version());
        // and an equal version changes nothing either
        assertFalse(view.apply(ref(A, "PLC-1", "retired", Map.of(), 5, false)));
        assertEquals("active", view.byId(A).orElseThrow().status());
    }

    @Test
    void newerVersionReplacesOlderInAnyArrivalOrder() {
        assertTrue(view.apply(ref(A, "PLC-1", "active", Map.of(), 1, false)));
        assertTrue(view.apply(ref(A, "PLC-1", "quarantined", Map.of(), 3, false)));
        assertTrue(view.byTag("PLC-1").orElseThrow().quarantined());
        assertFalse(view.apply(ref(A, "PLC-1", "active", Map.of(), 2, false)), "late event of v2 after v3");
        assertTrue(view.byTag("PLC-1").orElseThrow().quarantined());
    }

    @Test
    void deleteTombstoneBlocksALateOlderUpdate() {
        view.apply(ref(A, "PLC-1", 2));
        assertTrue(view.apply(ref(A, "PLC-1", "active", Map.of(), 3, true)));
        assertTrue(view.byTag("PLC-1").isEmpty());
        assertTrue(view.byId(A).isEmpty());
        assertFalse(view.apply(ref(A, "PLC-1", 2)), "a reload that read v2 before the delete");
        assertTrue(view.byTag("PLC-1").isEmpty(), "the late update must not resurrect the deleted asset");
        assertTrue(view.byId(A).isEmpty());
        assertEquals(0, view.size());
    }

    @Test
    void deleteWithTheSameVersionAsTheLastUpdateStillApplies() {
        view.apply(ref(A, "PLC-1", 4));
        assertTrue(view.apply(ref(A, "PLC-1", "active", Map.of(), 4, true)));
        assertTrue(view.byTag("PLC-1").isEmpty());
        assertFalse(view.apply(ref(A, "PLC-1", 4)), "and the same version cannot undo it");
        assertTrue(view.byTag("PLC-1").isEmpty());
    }

    @Test
    void deleteArrivingBeforeTheCreateKeepsTheAssetAway() {
        assertTrue(view.apply(ref(A, "PLC-1", "active", Map.of(), 2, true)));
        assertFalse(view.apply(ref(A, "PLC-1", 1)));
        assertTrue(view.byTag("PLC-1").isEmpty());
    }

    @Test
    void reTagMovesTheTagIndex() {
        view.apply(ref(A, "OLD-TAG", 1));
        assertTrue(view.apply(ref(A, "NEW-TAG", 2)));
        assertTrue(view.byTag("OLD-TAG").isEmpty());
        assertEquals(A, view.byTag("NEW-TAG").orElseThrow().id());
        assertEquals(1, view.size());
    }

    @Test
    void reTagDoesNotEvictAnotherAssetThatTookTheOldTag() {
        view.apply(ref(A, "SHARED", 1));
        view.apply(ref(B, "SHARED", 1)); // B took the tag (A's retag event is still on its way)
        view.apply(ref(A, "A-NEW", 2));
        assertEquals(B, view.byTag("SHARED").orElseThrow().id());
        assertEquals(A, view.byTag("A-NEW").orElseThrow().id());
    }

    @Test
    void sparkplugLabelIsLookedUpFirstThenTheTag() {
        view.apply(ref(A, "LABELLED", "active", Map.of("sparkplug", "G1/EDGE1/DEV1"), 1, false));
        view.apply(ref(B, "DEV1", 1)); // an asset whose tag equals the device id
        assertEquals("LABELLED", tagOf(view.bySparkplug("G1", "EDGE1", "DEV1")), "label wins over tag");
        assertEquals("DEV1", tagOf(view.bySparkplug("G2", "EDGE1", "DEV1")), "no label for G2: the tag");
        assertTrue(view.bySparkplug("G1", "EDGE1", "DEV9").isEmpty());
    }

    @Test
    void edgeNodeMapsByTwoPartLabelThenByEdgeNodeTag() {
        view.apply(ref(A, "EDGE-ASSET", "active", Map.of("sparkplug", "G1/EDGE1"), 1, false));
        view.apply(ref(B, "EDGE2", 1));
        assertEquals("EDGE-ASSET", tagOf(view.bySparkplug("G1", "EDGE1", null)));
        assertEquals("EDGE2", tagOf(view.bySparkplug("G1", "EDGE2", null)));
        assertTrue(view.bySparkplug("G1", "EDGE1", "EDGE1").isEmpty(), "G1/EDGE1/EDGE1 is a device key");
    }

    @Test
    void labelChangeMovesTheSparkplugIndexAndDeleteClearsIt() {
        view.apply(ref(A, "PLC-1", "active", Map.of("sparkplug", "G1/E1/D1"), 1, false));
        view.apply(ref(A, "PLC-1", "active", Map.of("sparkplug", "G1/E1/D2"), 2, false));
        assertTrue(view.bySparkplug("G1", "E1", "D1").isEmpty());
        assertEquals("PLC-1", tagOf(view.bySparkplug("G1", "E1", "D2")));
        view.apply(ref(A, "PLC-1", "active", Map.of("sparkplug", "G1/E1/D2"), 3, true));
        assertTrue(view.bySparkplug("G1", "E1", "D2").isEmpty());
    }

    @Test
    void otherLabelsAndNullLabelsAreHarmless() {
        assertTrue(view.apply(ref(A, "PLC-1", "active", Map.of("line", "G1/E1/D1"), 1, false)));
        assertTrue(view.apply(ref(B, "PLC-2", "active", null, 1, false)));
        assertTrue(view.bySparkplug("G1", "E1", "D1").isEmpty());
        assertTrue(view.apply(ref(B, "PLC-2b", "active", null, 2, false)));
        assertEquals(B, view.byTag("PLC-2b").orElseThrow().id());
    }

    @Test
    void resolveAcceptsTagOrUuid() {
        view.apply(ref(A, "PLC-1", 1));
        assertEquals(A, view.resolve("PLC-1").orElseThrow().id());
        assertEquals(A, view.resolve(A.toString()).orElseThrow().id());
        assertTrue(view.resolve(B.toString()).isEmpty());
        assertTrue(view.resolve("x".repeat(36)).isEmpty(), "36 characters but not a UUID");
        assertTrue(view.resolve(null).isEmpty());
        view.apply(ref(A, "PLC-1", "active", Map.of(), 2, true));
        assertTrue(view.resolve(A.toString()).isEmpty(), "a tombstone is not resolvable");
    }

    @Test
    void statusFlags() {
        assertTrue(ref(A, "Q", "quarantined", Map.of(), 1, false).quarantined());
        assertTrue(ref(A, "R", "retired", Map.of(), 1, false).retired());
        assertFalse(ref(A, "X", "active", Map.of(), 1, false).quarantined());
        assertFalse(ref(A, "X", "active", Map.of(), 1, false).retired());
    }
}
