package io.converge.patch.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of a catalog entry: {@code uploaded} (transient, while the artifact streams in and is checked; never
 * committed) → {@code verified} (SHA-256 and signature checked) → {@code released} (campaigns may use it) →
 * {@code revoked} (final; verified firmware may be revoked without ever being released).
 */
public enum FirmwareState {
    UPLOADED, VERIFIED, RELEASED, REVOKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FirmwareState> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /** The states from which {@code this} may be entered. */
    public Set<FirmwareState> allowedFrom() {
        return switch (this) {
            case UPLOADED -> EnumSet.noneOf(FirmwareState.class);
            case VERIFIED -> EnumSet.of(UPLOADED);
            case RELEASED -> EnumSet.of(VERIFIED);
            case REVOKED -> EnumSet.of(VERIFIED, RELEASED);
        };
    }

    public boolean canMoveTo(FirmwareState target) {
        return target.allowedFrom().contains(this);
    }
}
