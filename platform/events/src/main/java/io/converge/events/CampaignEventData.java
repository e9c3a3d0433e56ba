package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link PatchEventTypes#CAMPAIGN_STATE_CHANGED} on {@link Topics#PATCH_EVENTS} (subject and key =
 * campaign id, so one campaign's changes stay in order): the campaign as it is after the change.
 *
 * @param state         the state after the change (draft, pending-approval, approved, scheduled, running, paused,
 *                      completed, cancelled, failed)
 * @param previousState the state before it; null when the campaign was created (as a draft)
 * @param action        what changed it: create, submit, approve, reject, schedule, start, pause, resume, complete,
 *                      fail, cancel
 * @param actor         who acted (user name, or the service itself)
 * @param detail        the reason given with the action, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignEventData(UUID campaignId, String name, UUID firmwareId, String state, String previousState,
        String action, String actor, Instant at, int targetCount, String detail) {
}
