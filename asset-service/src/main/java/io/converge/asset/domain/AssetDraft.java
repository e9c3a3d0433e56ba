package io.converge.asset.domain;

import java.util.Map;
import java.util.UUID;

/** The writable fields of an asset, validated and normalized, as a create, a replace or an import row gives them. */
public record AssetDraft(
        String tag,
        String name,
        AssetDomain domain,
        AssetType type,
        String vendor,
        String model,
        String serialNumber,
        String ipAddress,
        String macAddress,
        UUID nodeId,
        UUID zoneId,
        Criticality criticality,
        String firmwareVersion,
        AssetStatus status,
        Map<String, String> labels) {

    /** The same draft with another status (a replace keeps the status unless it says otherwise). */
    public AssetDraft withStatus(AssetStatus s) {
        return new AssetDraft(tag, name, domain, type, vendor, model, serialNumber, ipAddress, macAddress, nodeId,
                zoneId, criticality, firmwareVersion, s, labels);
    }

    /**
     * The same draft in another node and zone, with {@code fallbackStatus} where it names no status (an import row
     * carries its references by code and its status as given until they are resolved).
     */
    public AssetDraft placed(UUID node, UUID zone, AssetStatus fallbackStatus) {
        return new AssetDraft(tag, name, domain, type, vendor, model, serialNumber, ipAddress, macAddress, node, zone,
                criticality, firmwareVersion, status != null ? status : fallbackStatus, labels);
    }

    public AssetDraft withFirmwareVersion(String version) {
        return new AssetDraft(tag, name, domain, type, vendor, model, serialNumber, ipAddress, macAddress, nodeId,
                zoneId, criticality, version, status, labels);
    }

    /** True when writing this draft over {@code a} would change nothing. */
    public boolean sameAs(Asset a) {
        return tag.equals(a.tag()) && name.equals(a.name()) && domain == a.domain() && type == a.type()
                && java.util.Objects.equals(vendor, a.vendor()) && java.util.Objects.equals(model, a.model())
                && java.util.Objects.equals(serialNumber, a.serialNumber())
                && java.util.Objects.equals(ipAddress, a.ipAddress())
                && java.util.Objects.equals(macAddress, a.macAddress())
                && java.util.Objects.equals(nodeId, a.nodeId()) && java.util.Objects.equals(zoneId, a.zoneId())
                && criticality == a.criticality() && java.util.Objects.equals(firmwareVersion, a.firmwareVersion())
                && status == a.status() && labels.equals(a.labels());
    }
}
