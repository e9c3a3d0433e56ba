package io.converge.security.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.events.AssetEventData;
import io.converge.events.CloudEvent;
import io.converge.events.SecurityFindingData;
import java.time.Instant;
import java.util.UUID;

/** Normalizes the facts other Converge services publish on Kafka to OCSF. */
public final class ServiceEvents {

    private ServiceEvents() {
    }

    /**
     * A finding ({@code io.converge.security.finding} on converge.security.events: unknown device, telemetry from a
     * quarantined asset, firmware integrity failure …) → 2004 Detection Finding; {@code finding_info.types} = [kind],
     * the device as reported, {@code count} = occurrences summarised.
     */
    public static SecurityEvent finding(CloudEvent<SecurityFindingData> e) throws NormalizationException {
        SecurityFindingData f = e.data();
        if (f == null || f.kind() == null || f.kind().isBlank()) {
            throw new NormalizationException("a finding needs data.kind");
        }
        Instant time = f.lastSeen() != null ? f.lastSeen() : e.time() != null ? e.time() : Instant.now();
        OcsfDocument d = OcsfDocument.start(OcsfClass.DETECTION_FINDING, uuid(e.id()), time, 1, "Create",
                OcsfClass.severityId(f.severity()), f.reporter() != null ? f.reporter() : source(e.source()));
        d.set("finding_info.uid", e.id()).set("finding_info.title", f.message() != null ? f.message() : f.kind())
                .set("finding_info.types", JsonNodeFactory.instance.arrayNode().add(f.kind()))
                .set("count", f.count())
                .set("device.uid", f.assetId() == null ? null : f.assetId().toString())
                .set("device.name", f.assetTag())
                .set("unmapped.finding.kind", f.kind()).set("unmapped.finding.channel", f.channel())
                .set("unmapped.finding.source", f.source()).set("message", f.message());
        if (f.firstSeen() != null) {
            d.set("start_time", f.firstSeen().toEpochMilli());
        }
        if (f.source() != null && Cidr.isAddress(hostOf(f.source()))) {
            d.set("src_endpoint.ip", hostOf(f.source()));
        }
        if (f.attributes() != null) {
            ObjectNode attrs = JsonNodeFactory.instance.objectNode();
            f.attributes().forEach(attrs::put);
            d.set("unmapped.finding.attributes", attrs);
        }
        return d.toEvent();
    }

    /**
     * An asset's firmware version changed ({@code io.converge.asset.firmware-changed}) → 5019 Device Config State
     * Change with the previous and the new version (who changed it as actor).
     */
    public static SecurityEvent firmwareChanged(CloudEvent<AssetEventData> e) throws NormalizationException {
        AssetEventData a = e.data();
        if (a == null || a.id() == null) {
            throw new NormalizationException("a firmware-changed event needs data.id");
        }
        Instant time = a.updatedAt() != null ? a.updatedAt() : e.time() != null ? e.time() : Instant.now();
        OcsfDocument d = OcsfDocument.start(OcsfClass.DEVICE_CONFIG_STATE_CHANGE, uuid(e.id()), time, 1, "Log", 1,
                "asset-service");
        d.set("device.uid", a.id().toString()).set("device.name", a.tag()).set("device.ip", a.ipAddress())
                .set("device.type", a.type()).set("device.vendor_name", a.vendor()).set("device.model", a.model())
                .set("actor.user.name", a.actor())
                .set("unmapped.firmware.previous", a.previousFirmwareVersion())
                .set("unmapped.firmware.current", a.firmwareVersion())
                .set("message", "firmware of " + a.tag() + " changed from " + a.previousFirmwareVersion() + " to "
                        + a.firmwareVersion());
        return d.toEvent();
    }

    private static String source(String s) {
        return s == null ? "converge" : s.substring(s.lastIndexOf('/') + 1);
    }

    /** The host part of {@code host:port} or {@code [v6]:port}; the text itself otherwise. */
    static String hostOf(String s) {
        if (s.startsWith("[") && s.indexOf(']') > 0) {
            return s.substring(1, s.indexOf(']'));
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.indexOf(':') == colon ? s.substring(0, colon) : s;
    }

    /** CloudEvent ids of Converge producers are UUIDs; any other id gets a stable name-based UUID. */
    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException ex) {
            return UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
