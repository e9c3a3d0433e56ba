package io.converge.asset.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The IEC 62443 gap report: zones whose achieved security level (SL-A) is below their target (SL-T) or not assessed,
 * conduits whose SL-T exceeds the SL-A of an end zone, and assets in no zone. The classification is pure; the store
 * only supplies the rows.
 */
public record ZoneReport(Instant generatedAt, List<ZoneGap> zones, List<ConduitGap> conduits,
        UnzonedAssets unzonedAssets) {

    /** How a zone stands against its target. */
    public enum ZoneStatus {
        MET, BELOW_TARGET, NOT_ASSESSED;

        @JsonValue
        public String value() {
            return name().toLowerCase().replace('_', '-');
        }

        @Override
        public String toString() {
            return value();
        }
    }

    /** A zone short of its target; {@code gap} = SL-T − SL-A, a missing SL-A counting as 0. */
    public record ZoneGap(UUID id, String name, UUID siteId, int slTarget,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer slAchieved, int gap, ZoneStatus status) {
    }

    /**
     * A conduit whose target exceeds what an end zone achieves; {@code gap} = SL-T − the weaker end's SL-A, and
     * {@code weakZoneIds} names the end zone(s) below the conduit's target.
     */
    public record ConduitGap(UUID id, String name, int slTarget, UUID fromZoneId,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer fromSlAchieved, UUID toZoneId,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer toSlAchieved, int gap, List<UUID> weakZoneIds) {
    }

    /** An asset in no zone, as listed by the report. */
    public record UnzonedAsset(UUID id, String tag, String name, AssetType type, Criticality criticality) {
    }

    /** How many assets are in no zone, and the first of them (most critical first, then by tag). */
    public record UnzonedAssets(long count, List<UnzonedAsset> items) {
    }

    /** Status of a zone with this target and achieved level (null = not assessed). */
    public static ZoneStatus status(int slTarget, Integer slAchieved) {
        if (slAchieved == null) {
            return ZoneStatus.NOT_ASSESSED;
        }
        return slAchieved < slTarget ? ZoneStatus.BELOW_TARGET : ZoneStatus.MET;
    }

    /** SL-T − SL-A, never negative; a zone not assessed counts as SL-A 0. */
    public static int gap(int slTarget, Integer slAchieved) {
        return Math.max(0, slTarget - effective(slAchieved));
    }

    /** The zones that do not meet their target, largest gap first, then by name. */
    public static List<ZoneGap> zoneGaps(List<SecurityZone> zones) {
        List<ZoneGap> out = new ArrayList<>();
        for (SecurityZone z : zones) {
            ZoneStatus s = status(z.slTarget(), z.slAchieved());
            if (s != ZoneStatus.MET) {
                out.add(new ZoneGap(z.id(), z.name(), z.siteId(), z.slTarget(), z.slAchieved(),
                        gap(z.slTarget(), z.slAchieved()), s));
            }
        }
        out.sort(Comparator.comparingInt(ZoneGap::gap).reversed().thenComparing(ZoneGap::name));
        return out;
    }

    /**
     * The conduits with a target above the achieved level of either end zone (an end not assessed counts as 0),
     * largest gap first, then by name. Conduits without a target never appear.
     */
    public static List<ConduitGap> conduitGaps(List<Conduit> conduits, Map<UUID, SecurityZone> zones) {
        List<ConduitGap> out = new ArrayList<>();
        for (Conduit c : conduits) {
            if (c.slTarget() == null) {
                continue;
            }
            int target = c.slTarget();
            Integer from = achieved(zones, c.fromZoneId());
            Integer to = achieved(zones, c.toZoneId());
            List<UUID> weak = new ArrayList<>(2);
            if (effective(from) < target) {
                weak.add(c.fromZoneId());
            }
            if (effective(to) < target) {
                weak.add(c.toZoneId());
            }
            if (!weak.isEmpty()) {
                int gap = target - Math.min(effective(from), effective(to));
                out.add(new ConduitGap(c.id(), c.name(), target, c.fromZoneId(), from, c.toZoneId(), to, gap,
                        List.copyOf(weak)));
            }
        }
        out.sort(Comparator.comparingInt(ConduitGap::gap).reversed().thenComparing(ConduitGap::name));
        return out;
    }

    private static Integer achieved(Map<UUID, SecurityZone> zones, UUID id) {
        SecurityZone z = zones.get(id);
        return z == null ? null : z.slAchieved();
    }

    private static int effective(Integer slAchieved) {
        return slAchieved == null ? 0 : slAchieved;
    }
}
