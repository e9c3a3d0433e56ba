package io.converge.rest;

import jakarta.ws.rs.core.EntityTag;

/** ETag = the row's version; writes that replace state require a matching {@code If-Match}. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version the client expects, from its If-Match header; {@code null} for "*" (any version).
     *
     * @throws DomainException 428 when missing, 400 when not a version tag
     */
    public static Long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException(DomainException.Kind.PRECONDITION_REQUIRED,
                    "this write replaces state: send If-Match with the ETag of the version you read");
        }
        String v = ifMatch.trim();
        if (v.equals("*")) {
            return null;
        }
        if (v.startsWith("W/")) {
            throw DomainException.badRequest("If-Match needs a strong ETag, not " + v);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("If-Match " + ifMatch + " is not an ETag issued by this service");
        }
    }

    /** Like {@link #required} but an absent header means "no precondition" (used by DELETE). */
    public static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : required(ifMatch);
    }
}
