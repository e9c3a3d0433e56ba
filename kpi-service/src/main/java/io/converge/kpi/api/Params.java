package io.converge.kpi.api;

import io.converge.rest.DomainException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Path and query parameters read strictly: anything malformed is a 400 problem naming the parameter. */
final class Params {

    private Params() {
    }

    static UUID uuid(String name, String raw) {
        try {
            UUID u = UUID.fromString(raw);
            if (u.toString().equalsIgnoreCase(raw)) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw DomainException.badRequest(name + " must be a UUID");
    }

    static Instant instant(String name, String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest(name + " must be an ISO-8601 instant");
        }
    }
}
