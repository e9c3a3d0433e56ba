package io.converge.security.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * A detection rule, as data (the Wazuh model, with MITRE ATT&CK for ICS): conditions on normalized fields, an
 * optional frequency (N matches within a timeframe, grouped by a field), an optional chain on an earlier match of
 * another rule ({@code ifMatched}), the technique ids and response suggestions. {@code definition} is the JSON it was
 * read from (stored and versioned as such).
 */
public record Rule(String id, int level, String description, List<Condition> conditions, Frequency frequency,
        IfMatched ifMatched, List<String> mitre, List<ResponseSuggestion> response, boolean enabled,
        ObjectNode definition) {

    public Rule {
        conditions = List.copyOf(conditions);
        mitre = List.copyOf(mitre);
        response = List.copyOf(response);
    }

    /** Fires when {@code count} events matching the conditions, with equal {@code groupBy}, fall within the timeframe. */
    public record Frequency(int count, Duration timeframe, String groupBy) {
    }

    /**
     * Fires only when rule {@code rule} fired within {@code within} before this event, for an event with the same
     * value of {@code sameField} (e.g. the same person).
     */
    public record IfMatched(String rule, Duration within, String sameField) {
    }

    /** What the analyst is advised to do: {@code action} is one of {@link #ACTIONS}, {@code text} says why/how. */
    public record ResponseSuggestion(String action, String text) {
        public static final List<String> ACTIONS = List.of("quarantine-asset", "pause-campaign", "investigate",
                "notify", "block-source", "disable-account");
    }
}
