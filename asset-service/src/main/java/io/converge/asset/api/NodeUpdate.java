package io.converge.asset.api;

import io.converge.asset.domain.NodeLevel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of PUT /api/v1/sites/{id}: code, name and description are replaced. A node never moves: level and parentId
 * may be sent (e.g. echoing what was read) but must equal the stored ones.
 */
@Schema(name = "NodeUpdate", description = "Replaces code, name and description of a hierarchy node")
public record NodeUpdate(
        @NotBlank @Size(max = 64) @Pattern(regexp = NodeInput.CODE_PATTERN, message = NodeInput.CODE_MESSAGE)
        String code,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Schema(description = "Optional; must equal the current parent") UUID parentId,
        @Schema(description = "Optional; must equal the current level") NodeLevel level) {
}
