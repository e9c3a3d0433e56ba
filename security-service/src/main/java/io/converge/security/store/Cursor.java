package io.converge.security.store;

import io.converge.rest.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** An opaque list cursor: base64url of {@code <time>|<id>} of the last item of the page (newest first lists). */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** null for no cursor; 400 for text this service did not issue. */
    public static Cursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            return new Cursor(Instant.parse(s.substring(0, bar)), UUID.fromString(s.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw DomainException.badRequest("cursor is not one this service issued");
        }
    }
}
