package io.converge.patch.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * CDI event fired (asynchronously, after the commit) when firmware is revoked: the extension point for stopping the
 * campaigns that use it. Observe it with {@code @ObservesAsync FirmwareRevoked}. It reaches this replica only; other
 * replicas (and other services) learn it from {@code io.converge.patch.firmware-revoked} on converge.patch.events.
 */
public record FirmwareRevoked(UUID firmwareId, String vendor, String version, String actor, Instant at,
        String reason) {
}
