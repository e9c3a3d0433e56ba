package io.converge.events;

/** CloudEvents {@code type} values published by security-service on {@link Topics#SECURITY_ALERTS}. */
public final class SecurityAlertTypes {
    public static final String SOURCE = "/converge/security-service";
    /** A rule fired and no open alert of the same rule and asset was within the grouping window. */
    public static final String RAISED = "io.converge.security.alert-raised";
    /** More events grouped into an open alert (count, last seen, score). */
    public static final String UPDATED = "io.converge.security.alert-updated";
    /** An analyst moved the alert (acknowledged, in-progress, resolved, false-positive) or assigned it. */
    public static final String STATE_CHANGED = "io.converge.security.alert-state-changed";

    private SecurityAlertTypes() {
    }
}
