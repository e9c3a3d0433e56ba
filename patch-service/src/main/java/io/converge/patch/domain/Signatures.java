package io.converge.patch.domain;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Verifies detached firmware signatures. The signed message is the artifact's SHA-256 digest (32 bytes), so that a
 * verification never needs the artifact in memory (the JDK's Ed25519 buffers the whole message):
 * <ul>
 * <li>Ed25519: pure Ed25519 over the 32 raw digest bytes ({@code openssl pkeyutl -sign -rawin} of
 * {@code openssl dgst -sha256 -binary}).</li>
 * <li>ECDSA P-256: ECDSA over the digest, which is exactly ECDSA-with-SHA-256 over the artifact ({@code openssl dgst
 * -sha256 -sign key.pem artifact}); DER (ASN.1 SEQUENCE of r, s) or the 64-byte r‖s form.</li>
 * </ul>
 */
public final class Signatures {

    private Signatures() {
    }

    public static boolean verify(KeyAlgorithm algorithm, PublicKey key, byte[] sha256, byte[] signature) {
        try {
            Signature verifier = switch (algorithm) {
                case ED25519 -> Signature.getInstance("Ed25519");
                case ECDSA_P256 -> Signature.getInstance(signature.length == 64 ? "NONEwithECDSAinP1363Format"
                        : "NONEwithECDSA");
            };
            verifier.initVerify(key);
            verifier.update(sha256);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // malformed signature encodings are just invalid signatures
        }
    }
}
