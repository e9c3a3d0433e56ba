package io.converge.asset.api;

import io.converge.asset.store.ZoneRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of create and replace of an IEC 62443 security zone. */
@Schema(name = "ZoneInput", description = "Writable fields of a security zone")
public record ZoneInput(
        @Schema(examples = "Cell zone P1-L2") @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Schema(description = "Optional; must be a hierarchy node of level site") UUID siteId,
        @Schema(description = "Target security level SL-T", examples = "3") @NotNull @Min(1) @Max(4) Integer slTarget,
        @Schema(description = "Achieved security level SL-A; omitted or null = not assessed", examples = "2")
        @Min(0) @Max(4) Integer slAchieved) {

    ZoneRepository.Draft toDraft() {
        return new ZoneRepository.Draft(name.trim(), NodeInput.blankToNull(description), siteId, slTarget, slAchieved);
    }
}
