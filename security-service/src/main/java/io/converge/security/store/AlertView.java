package io.converge.security.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as stored and answered: the rule that fired (level 0-15) and the severity score (0-100) weighted by the
 * asset's criticality and zone SL-T, the ATT&CK for ICS techniques, response suggestions, grouping counters, the
 * lifecycle state and assignee, and the results of response actions taken.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(UUID id, String ruleId, int ruleVersion, String title, int level, int score, String severity,
        List<Technique> techniques, List<Suggestion> suggestions, UUID assetId, String assetTag, String state,
        String assignee, long count, Instant firstSeen, Instant lastSeen, UUID lastEventId,
        List<ActionResult> responses, long version, Instant createdAt, Instant updatedAt) {

    /** An ATT&CK for ICS technique with its name and tactics. */
    public record Technique(String id, String name, List<String> tactics) {
    }

    /** A response suggestion of the rule. */
    public record Suggestion(String action, String text) {
    }

    /** The outcome of a response action taken on the alert. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionResult(String action, String target, String outcome, String detail, String actor,
            Instant at) {
    }
}
