package io.converge.security.api;

import io.converge.rest.RequestParams;
import java.time.Instant;
import java.util.UUID;

/** Optional query parameters: absent → null, present and malformed → 400. */
final class Params {

    private Params() {
    }

    static UUID uuid(String name, String raw) {
        return raw == null || raw.isEmpty() ? null : RequestParams.uuid(name, raw);
    }

    /** true or false, nothing else (Boolean.valueOf reads any other text as false). */
    static Boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!raw.equals("true") && !raw.equals("false")) {
            throw io.converge.rest.DomainException.badRequest(name + " must be true or false");
        }
        return Boolean.valueOf(raw);
    }

    static Instant instant(String name, String raw) {
        return raw == null || raw.isEmpty() ? null : RequestParams.instant(name, raw);
    }
}
