package io.converge.security.domain;

import java.util.List;
import java.util.UUID;

/**
 * A rule fired on an event. {@code count} is the number of events the firing stands for: 1, or the frequency
 * threshold reached within the rule's timeframe; {@code events} are their ids (the firing event last).
 */
public record RuleMatch(Rule rule, SecurityEvent event, int count, List<UUID> events) {
}
