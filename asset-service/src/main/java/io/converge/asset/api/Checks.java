package io.converge.asset.api;

import io.converge.rest.DomainException;

/** Existence and optimistic-lock checks shared by the hierarchy, zone and conduit resources. */
final class Checks {

    private Checks() {
    }

    /** The value, or 404 when it is null. */
    static <T> T found(T value, String what, Object id) {
        if (value == null) {
            throw DomainException.notFound(what, id);
        }
        return value;
    }

    /** 412 when the client's If-Match version (null = any) is not the stored one. */
    static void version(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "the resource has changed (version "
                    + actual + ", If-Match " + expected + "); read it again and reapply your change");
        }
    }
}
