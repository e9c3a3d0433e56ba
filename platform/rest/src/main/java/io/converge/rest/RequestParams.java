package io.converge.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Path and query parameters read strictly: anything malformed is a 400 problem naming the parameter. */
public final class RequestParams {

    private RequestParams() {
    }

    /** A UUID in its canonical form (400 otherwise, also when absent). */
    public static UUID uuid(String name, String raw) {
        try {
            UUID u = UUID.fromString(raw);
            if (u.toString().equalsIgnoreCase(raw)) {
                return u;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // answered below
        }
        throw DomainException.badRequest(name + " must be a UUID");
    }

    /** An ISO-8601 instant within {@link Instants#RANGE} (400 otherwise, also when absent). */
    public static Instant instant(String name, String raw) {
        Instant t;
        try {
            t = Instant.parse(raw);
        } catch (DateTimeParseException | NullPointerException e) {
            throw DomainException.badRequest(name + " must be an ISO-8601 instant");
        }
        if (!Instants.supported(t)) {
            throw DomainException.badRequest(name + " must be " + Instants.RANGE);
        }
        return t;
    }

    /** A list limit: {@code defaultLimit} when absent, else an integer from 1 to {@code max} (400 otherwise). */
    public static int limit(String raw, int defaultLimit, int max) {
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.badRequest("limit must be an integer from 1 to " + max);
    }
}
