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

    static Instant instant(String name, String raw) {
        return raw == null || raw.isEmpty() ? null : RequestParams.instant(name, raw);
    }
}
