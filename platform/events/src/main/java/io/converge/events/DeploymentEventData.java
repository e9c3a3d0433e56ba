package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A device deployment of a firmware campaign as it changes state (payload of the {@code io.converge.patch.deployment-*}
 * events on {@link Topics#PATCH_EVENTS}; key and subject = asset id, so one device's events stay in order).
 *
 * @param fromVersion the firmware the device ran before the action
 * @param toVersion   the firmware the action installs (for a rollback: the previous firmware)
 * @param state       the deployment state after the change (offered, downloading, installing, succeeded, failed, ...)
 * @param message     the device's message with its feedback, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentEventData(UUID campaignId, UUID actionId, UUID assetId, String assetTag, UUID firmwareId,
        String fromVersion, String toVersion, String state, boolean rollback, String message, Instant at) {
}
