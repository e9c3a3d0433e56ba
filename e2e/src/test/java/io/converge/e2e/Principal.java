package io.converge.e2e;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The columns of the authorization matrix: who calls. The first eight hold a valid token of the realm {@code converge}
 * (a demo user per role, the device client, a user without any role); the others are callers the services must not
 * authenticate at all — each of those carries the {@code admin} role where a token carries roles, so that the only
 * reason to refuse it is what is wrong with the token itself (see {@link MatrixTokens}).
 */
enum Principal {
    VIEWER("viewer", true),
    OPERATOR("operator", true),
    ENGINEER("engineer", true),
    APPROVER("approver", true),
    ANALYST("analyst", true),
    ADMIN("admin", true),
    DEVICE("device", true),
    NOBODY("nobody", true),
    NO_TOKEN("no token", false),
    EXPIRED("expired", false),
    OTHER_REALM("other realm", false),
    OTHER_AUDIENCE("other aud.", false),
    TAMPERED("tampered", false),
    UNSIGNED("alg none", false);

    /** Readers: every human role includes {@code viewer} (Keycloak composite roles); devices and nobody do not. */
    static final Set<Principal> READ = EnumSet.of(VIEWER, OPERATOR, ENGINEER, APPROVER, ANALYST, ADMIN);
    /** {@code operator}: engineers and admins include it. */
    static final Set<Principal> OPERATE = EnumSet.of(OPERATOR, ENGINEER, ADMIN);
    /** {@code engineer}: admins include it. */
    static final Set<Principal> ENGINEERING = EnumSet.of(ENGINEER, ADMIN);
    static final Set<Principal> APPROVING = EnumSet.of(APPROVER, ADMIN);
    static final Set<Principal> ANALYSING = EnumSet.of(ANALYST, ADMIN);
    /** The {@code device} role only: {@code admin} is a person's role and does not include it. */
    static final Set<Principal> DEVICES = EnumSet.of(DEVICE);
    /** Everyone, whatever the token: endpoints that are open by design. */
    static final Set<Principal> ANYONE = EnumSet.allOf(Principal.class);

    private final String column;
    private final boolean authenticated;

    Principal(String column, boolean authenticated) {
        this.column = column;
        this.authenticated = authenticated;
    }

    /** The column heading in the printed table and the README. */
    String column() {
        return column;
    }

    /** True when the caller holds a valid token for the services (refused by role: 403); false → 401. */
    boolean authenticated() {
        return authenticated;
    }

    /** The union of role groups. */
    @SafeVarargs
    static Set<Principal> union(Set<Principal>... groups) {
        Set<Principal> all = EnumSet.noneOf(Principal.class);
        Arrays.stream(groups).forEach(all::addAll);
        return all;
    }
}
