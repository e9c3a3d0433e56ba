package io.converge.patch.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * A site's maintenance window: {@code cron} (UNIX, 5 fields: when it opens), {@code duration} (ISO-8601, e.g. PT4H,
 * counted in local wall-clock time), {@code zone} (IANA).
 */
public record SiteWindowInput(@NotBlank @Size(max = 120) String cron, @NotNull Duration duration,
        @NotBlank @Size(max = 64) String zone) {
}
