package io.converge.patch.api;

/** Optional body of a revocation: why (at most {@value #MAX_REASON} characters). */
public record RevokeInput(String reason) {
    static final int MAX_REASON = 2000;
}
