package io.converge.patch.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque list cursors: base64url of {@code <created-at>|<id>}. */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(FirmwareRepository.Cursor c) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((c.createdAt() + "|" + c.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this service issued. */
    public static Optional<FirmwareRepository.Cursor> decode(String text) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            return Optional.of(new FirmwareRepository.Cursor(Instant.parse(s.substring(0, bar)),
                    UUID.fromString(s.substring(bar + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
