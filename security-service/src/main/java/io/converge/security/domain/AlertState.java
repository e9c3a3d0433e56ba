package io.converge.security.domain;

import io.converge.rest.DomainException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An alert's lifecycle: new → acknowledged → in-progress → resolved | false-positive (a step may be skipped:
 * a new alert may be resolved or marked a false positive at once). Resolved and false-positive are final; a later
 * matching event raises a new alert. Any other transition is refused (409).
 */
public enum AlertState {
    NEW("new"), ACKNOWLEDGED("acknowledged"), IN_PROGRESS("in-progress"), RESOLVED("resolved"),
    FALSE_POSITIVE("false-positive");

    private static final Map<AlertState, Set<AlertState>> NEXT = Map.of(
            NEW, EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, RESOLVED, FALSE_POSITIVE),
            ACKNOWLEDGED, EnumSet.of(IN_PROGRESS, RESOLVED, FALSE_POSITIVE),
            IN_PROGRESS, EnumSet.of(RESOLVED, FALSE_POSITIVE),
            RESOLVED, EnumSet.noneOf(AlertState.class),
            FALSE_POSITIVE, EnumSet.noneOf(AlertState.class));

    private final String wire;

    AlertState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Open alerts still group new matches. */
    public boolean open() {
        return this != RESOLVED && this != FALSE_POSITIVE;
    }

    public boolean canMoveTo(AlertState to) {
        return NEXT.get(this).contains(to);
    }

    /** The state after moving to {@code to}, or a 409 naming the allowed moves. */
    public AlertState moveTo(AlertState to) {
        if (!canMoveTo(to)) {
            throw DomainException.conflict("an alert that is " + wire + " cannot become " + to.wire
                    + (NEXT.get(this).isEmpty() ? " (final state)" : "; allowed: "
                    + NEXT.get(this).stream().map(AlertState::wire).toList()));
        }
        return to;
    }

    public static AlertState of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNPROCESSABLE, "unknown alert state '"
                        + wire + "'; known: " + Arrays.stream(values()).map(AlertState::wire).toList()));
    }
}
