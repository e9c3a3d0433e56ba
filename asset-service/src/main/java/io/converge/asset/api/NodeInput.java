package io.converge.asset.api;

import io.converge.asset.domain.NodeLevel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/v1/sites: a new hierarchy node. */
@Schema(name = "NodeInput", description = "A new ISA-95 hierarchy node")
public record NodeInput(
        @Schema(examples = "line") @NotNull NodeLevel level,
        @Schema(description = "Unique human id", examples = "ACME-P1-L2")
        @NotBlank @Size(max = 64) @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String code,
        @Schema(examples = "Bottling line 2") @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Schema(description = "The node one level above; none for an enterprise") UUID parentId) {

    public static final String CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
    public static final String CODE_MESSAGE = "must be letters, digits and . _ - (starting with a letter or digit)";

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
