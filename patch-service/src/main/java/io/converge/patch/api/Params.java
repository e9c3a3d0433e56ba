package io.converge.patch.api;

import io.converge.rest.DomainException;
import java.util.regex.Pattern;

/**
 * patch-service's own parameter rules (names and versions); UUIDs, instants and limits are read with
 * {@link io.converge.rest.RequestParams}.
 */
final class Params {

    /** Vendor and model names: letters, digits, dot, underscore, hyphen, space inside; up to 100 characters. */
    static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._ -]{0,98}[A-Za-z0-9._-])?";
    /** Firmware versions: letters, digits, dot, underscore, plus, hyphen; up to 64 characters. */
    static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}";
    static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    static final Pattern VERSION_PATTERN = Pattern.compile(VERSION);

    private Params() {
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
