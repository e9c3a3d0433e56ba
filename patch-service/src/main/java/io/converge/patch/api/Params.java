package io.converge.patch.api;

import io.converge.rest.DomainException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Path and query parameters read strictly: anything malformed is a 400 problem naming the parameter. */
final class Params {

    /** Vendor and model names: letters, digits, dot, underscore, hyphen, space inside; up to 100 characters. */
    static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._ -]{0,98}[A-Za-z0-9._-])?";
    /** Firmware versions: letters, digits, dot, underscore, plus, hyphen; up to 64 characters. */
    static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}";
    static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    static final Pattern VERSION_PATTERN = Pattern.compile(VERSION);

    private Params() {
    }

    static UUID uuid(String name, String raw) {
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

    /** A list limit: {@code defaultLimit} when absent, else an integer from 1 to {@code max} (400 otherwise). */
    static int limit(String raw, int defaultLimit, int max) {
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

    /** An optional name filter: null when absent, 400 when malformed. */
    static String name(String param, String raw) {
        if (raw == null) {
            return null;
        }
        if (!NAME_PATTERN.matcher(raw).matches()) {
            throw DomainException.badRequest(param + " is not a valid name");
        }
        return raw;
    }
}
