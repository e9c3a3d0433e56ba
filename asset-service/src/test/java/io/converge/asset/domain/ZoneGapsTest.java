package io.converge.asset.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pure IEC 62443 gap classification of {@link ZoneReport}. */
class ZoneGapsTest {

    private static SecurityZone zone(String name, int target, Integer achieved) {
        return new SecurityZone(UUID.randomUUID(), name, null, null, target, achieved, 1, Instant.EPOCH, Instant.EPOCH,
                null);
    }

    private static Conduit conduit(String name, SecurityZone from, SecurityZone to, Integer target) {
        return new Conduit(UUID.randomUUID(), name, null, from.id(), to.id(), List.of("opc-ua"), target, 1,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void statusAndGap() {
        assertEquals(ZoneReport.ZoneStatus.NOT_ASSESSED, ZoneReport.status(2, null));
        assertEquals(ZoneReport.ZoneStatus.BELOW_TARGET, ZoneReport.status(3, 1));
        assertEquals(ZoneReport.ZoneStatus.MET, ZoneReport.status(3, 3));
        assertEquals(ZoneReport.ZoneStatus.MET, ZoneReport.status(1, 4));
        assertEquals(2, ZoneReport.gap(2, null));
        assertEquals(4, ZoneReport.gap(4, 0));
        assertEquals(2, ZoneReport.gap(3, 1));
        assertEquals(0, ZoneReport.gap(3, 3));
        assertEquals(0, ZoneReport.gap(1, 4), "exceeding the target is no negative gap");
        assertEquals("not-assessed", ZoneReport.ZoneStatus.NOT_ASSESSED.value());
    }

    @Test
    void zonesBelowTargetOrNotAssessedLargestGapFirst() {
        SecurityZone met = zone("met", 2, 3);
        SecurityZone below = zone("below", 3, 2);
        SecurityZone unassessed = zone("unassessed", 2, null);
        SecurityZone worst = zone("worst", 4, 0);
        SecurityZone alsoTwo = zone("also-two", 3, 1);
        List<ZoneReport.ZoneGap> gaps = ZoneReport.zoneGaps(List.of(met, below, unassessed, worst, alsoTwo));
        assertEquals(List.of("worst", "also-two", "unassessed", "below"),
                gaps.stream().map(ZoneReport.ZoneGap::name).toList());
        assertEquals(List.of(4, 2, 2, 1), gaps.stream().map(ZoneReport.ZoneGap::gap).toList());
        assertEquals(ZoneReport.ZoneStatus.NOT_ASSESSED, gaps.get(2).status());
        assertEquals(ZoneReport.ZoneStatus.BELOW_TARGET, gaps.get(3).status());
        assertTrue(ZoneReport.zoneGaps(List.of(met)).isEmpty());
    }

    @Test
    void conduitsAboveAnEndZone() {
        SecurityZone strong = zone("strong", 3, 3);
        SecurityZone weak = zone("weak", 3, 1);
        SecurityZone unassessed = zone("unassessed", 2, null);
        Conduit ok = conduit("ok", strong, weak, 1);
        Conduit noTarget = conduit("no-target", weak, unassessed, null);
        Conduit oneWeakEnd = conduit("one-weak-end", strong, weak, 2);
        Conduit bothWeak = conduit("both-weak", weak, unassessed, 3);
        Conduit toUnassessed = conduit("to-unassessed", strong, unassessed, 1);
        Map<UUID, SecurityZone> zones = List.of(strong, weak, unassessed).stream()
                .collect(Collectors.toMap(SecurityZone::id, Function.identity()));

        List<ZoneReport.ConduitGap> gaps = ZoneReport.conduitGaps(
                List.of(ok, noTarget, oneWeakEnd, bothWeak, toUnassessed), zones);
        assertEquals(List.of("both-weak", "one-weak-end", "to-unassessed"),
                gaps.stream().map(ZoneReport.ConduitGap::name).toList());
        ZoneReport.ConduitGap both = gaps.get(0);
        assertEquals(3, both.gap(), "against the weaker end, not assessed = 0");
        assertEquals(List.of(weak.id(), unassessed.id()), both.weakZoneIds());
        assertEquals(1, both.fromSlAchieved());
        assertEquals(null, both.toSlAchieved());
        ZoneReport.ConduitGap one = gaps.get(1);
        assertEquals(1, one.gap());
        assertEquals(List.of(weak.id()), one.weakZoneIds());
        assertEquals(List.of(unassessed.id()), gaps.get(2).weakZoneIds());
    }
}
