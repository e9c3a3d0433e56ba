package io.converge.asset.api;

import io.converge.asset.store.ConduitRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of create and replace of an IEC 62443 conduit. */
@Schema(name = "ConduitInput", description = "Writable fields of a conduit between two zones")
public record ConduitInput(
        @Schema(examples = "Cell to DMZ") @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull UUID fromZoneId,
        @NotNull UUID toZoneId,
        @Schema(examples = "[\"modbus-tcp\", \"opc-ua\", \"https\"]")
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = "^[a-z0-9][a-z0-9.+_/-]*$",
                message = "protocols are lower-case names like modbus-tcp, opc-ua, https") String> protocols,
        @Schema(description = "Target security level SL-T of the conduit", examples = "3")
        @Min(1) @Max(4) Integer slTarget) {

    ConduitRepository.Draft toDraft() {
        List<String> p = protocols == null ? List.of() : protocols.stream().distinct().toList();
        return new ConduitRepository.Draft(name.trim(), NodeInput.blankToNull(description), fromZoneId, toZoneId, p,
                slTarget);
    }
}
