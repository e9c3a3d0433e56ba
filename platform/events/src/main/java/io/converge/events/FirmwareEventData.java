package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of firmware catalog events on {@link Topics#PATCH_EVENTS} (subject and key = firmware id): the firmware as
 * it is after the change.
 *
 * @param state         verified, released or revoked
 * @param previousState the state before the change (null for verified: a new entry)
 * @param actor         who made the change (user name)
 * @param reason        why it was revoked, when given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FirmwareEventData(UUID id, String vendor, String version, List<String> compatibleModels, String sha256,
        long size, UUID keyId, String state, String previousState, String actor, Instant at, String reason) {
}
