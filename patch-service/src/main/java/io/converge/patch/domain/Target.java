package io.converge.patch.domain;

import java.util.Map;
import java.util.UUID;

/**
 * One device of a campaign's frozen target list, as resolved from asset-service when the campaign starts.
 *
 * @param assetId         the asset's id
 * @param tag             the asset's stable tag (the device protocol's key)
 * @param siteId          the site, whose maintenance window applies
 * @param lineId          the production line, null for an asset on no line (such a target has no line-share limit)
 * @param model           the device model (already checked compatible with the firmware)
 * @param currentFirmware the firmware version before the update, null when unknown
 * @param criticality     business criticality: waves update low criticality first
 * @param zoneId          the network zone, null when unknown
 * @param labels          the asset's labels (never null; copied)
 */
public record Target(UUID assetId, String tag, UUID siteId, UUID lineId, String model, String currentFirmware,
                     Criticality criticality, UUID zoneId, Map<String, String> labels) {

    public Target {
        if (assetId == null) {
            throw new IllegalArgumentException("assetId is required");
        }
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("tag is required");
        }
        if (criticality == null) {
            throw new IllegalArgumentException("criticality is required");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
