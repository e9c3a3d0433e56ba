package io.converge.asset.api;

import io.converge.asset.domain.Actor;
import io.converge.asset.domain.StatusPolicy;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Realm role names (DESIGN.md, "Security") and the acting caller taken from the verified token. */
public final class Roles {
    public static final String VIEWER = RoleNames.VIEWER;
    public static final String OPERATOR = RoleNames.OPERATOR;
    public static final String ENGINEER = RoleNames.ENGINEER;
    public static final String APPROVER = RoleNames.APPROVER;
    public static final String SECURITY_ANALYST = RoleNames.SECURITY_ANALYST;
    public static final String ADMIN = RoleNames.ADMIN;
    public static final String DEVICE = RoleNames.DEVICE;

    private Roles() {
    }

    /** The caller as recorded in the audit trail and checked by the status policy. */
    public static Actor actor(SecurityIdentity identity) {
        String subject = identity.getPrincipal().getName();
        String name = subject;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            subject = jwt.getSubject() != null ? jwt.getSubject() : subject;
            Object preferred = jwt.getClaim("preferred_username");
            name = preferred != null ? preferred.toString() : name;
        }
        return new Actor(subject, name, new StatusPolicy.Caller(identity.hasRole(ENGINEER),
                identity.hasRole(SECURITY_ANALYST), identity.hasRole(ADMIN)));
    }
}
