package io.converge.patch.domain;

import java.util.Arrays;
import java.util.Optional;

/** Signature algorithms of vendor keys. */
public enum KeyAlgorithm {
    ED25519("ed25519"), ECDSA_P256("ecdsa-p256");

    private final String wire;

    KeyAlgorithm(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<KeyAlgorithm> parse(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
    }
}
