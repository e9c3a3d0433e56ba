package io.converge.asset.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.converge.asset.domain.AssetDomain;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.domain.AssetType;
import io.converge.asset.domain.Criticality;
import io.converge.asset.domain.NetworkAddresses;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of create and replace (and one row of a bulk import). */
@Schema(name = "AssetInput", description = "Writable fields of an asset")
public record AssetInput(
        @Schema(description = "Unique, human external id", examples = "PLC-A1-001")
        @NotBlank @Size(max = 64) @Pattern(regexp = TAG_PATTERN, message = "must be letters, digits and . _ : / - "
                + "(starting with a letter or digit)") String tag,
        @Schema(examples = "Filler line 1 PLC") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "OT") @NotNull AssetDomain domain,
        @Schema(examples = "plc") @NotNull AssetType type,
        @Schema(examples = "Siemens") @Size(max = 120) String vendor,
        @Schema(examples = "S7-1500") @Size(max = 120) String model,
        @Size(max = 120) String serialNumber,
        @Schema(examples = "10.20.1.15") @Size(max = 45) @NetworkAddress(NetworkAddress.Kind.IP) String ipAddress,
        @Schema(examples = "00:1b:1b:aa:bb:01") @Size(max = 17) @NetworkAddress(NetworkAddress.Kind.MAC) String macAddress,
        @Schema(description = "Hierarchy node (site, area, line or cell) the asset sits in") UUID nodeId,
        @Schema(description = "IEC 62443 zone") UUID zoneId,
        @Schema(examples = "high") @NotNull Criticality criticality,
        @Schema(examples = "V2.9.4") @Size(max = 64) @Pattern(regexp = "^\\S+$", message = "must not contain spaces")
        String firmwareVersion,
        @Schema(description = "Defaults to active on create; on replace, omitted keeps the current status")
        AssetStatus status,
        @Size(max = 50) Map<@NotBlank @Size(max = 63) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._/-]*$",
                message = "label keys are letters, digits and . _ / -") String,
                @NotNull @Size(max = 255) String> labels) {

    public static final String TAG_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:/-]*$";

    @JsonIgnore
    @AssertTrue(message = "type does not belong to the domain")
    public boolean isTypeInDomain() {
        return type == null || domain == null || type.domain() == domain;
    }

    /** The validated input as a draft; {@code fallbackStatus} applies when the input names none. */
    public AssetDraft toDraft(AssetStatus fallbackStatus) {
        return new AssetDraft(tag.trim(), name.trim(), domain, type, blankToNull(vendor), blankToNull(model),
                blankToNull(serialNumber), NetworkAddresses.normalizeIp(blankToNull(ipAddress)),
                NetworkAddresses.normalizeMac(blankToNull(macAddress)),
                nodeId, zoneId, criticality, blankToNull(firmwareVersion), status != null ? status : fallbackStatus,
                labels == null ? Map.of() : new TreeMap<>(labels));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
