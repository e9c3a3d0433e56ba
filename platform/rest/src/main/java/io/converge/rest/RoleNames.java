package io.converge.rest;

/** Realm role names of the Keycloak realm {@code converge} (DESIGN.md, "Security"), for {@code @RolesAllowed}. */
public final class RoleNames {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ENGINEER = "engineer";
    public static final String APPROVER = "approver";
    public static final String SECURITY_ANALYST = "security-analyst";
    public static final String ADMIN = "admin";
    public static final String DEVICE = "device";

    private RoleNames() {
    }
}
