package io.converge.patch.api;

import jakarta.validation.constraints.Size;

/** Optional body of a revocation. */
public record RevokeInput(@Size(max = 2000) String reason) {
}
