package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of the alert events on {@link Topics#SECURITY_ALERTS} (key and subject = the asset id when the alert
 * concerns one, else the alert id): the alert as it is after the change.
 *
 * @param ruleId     the rule that fired (its level 0-15 in {@code level})
 * @param score      severity score 0-100: the level weighted by the asset's criticality and its zone's SL-T
 * @param severity   info, low, medium, high or critical (from the score)
 * @param state      new, acknowledged, in-progress, resolved or false-positive
 * @param count      matching events grouped into the alert
 * @param techniques MITRE ATT&amp;CK for ICS technique ids
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecurityAlertData(UUID alertId, String ruleId, int ruleVersion, String title, int level, int score,
        String severity, String state, UUID assetId, String assetTag, long count, Instant firstSeen,
        Instant lastSeen, List<String> techniques, String assignee, String actor, Instant at) {
}
