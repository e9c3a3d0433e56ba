package io.converge.patch.domain;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads vendors' public keys: PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64 of an X.509
 * SubjectPublicKeyInfo (DER), Ed25519 or ECDSA on P-256 (secp256r1) only. Pure: no I/O.
 */
public final class VendorKeys {

    /** The order n of P-256, which tells its domain parameters apart from every other curve's. */
    private static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** A parsed key: the DER (the canonical form stored) and its SHA-256 fingerprint. */
    public record Parsed(KeyAlgorithm algorithm, PublicKey key, byte[] der, String fingerprint) {
        public String derBase64() {
            return Base64.getEncoder().encodeToString(der);
        }
    }

    private VendorKeys() {
    }

    /**
     * Parses and checks a key against its declared algorithm.
     *
     * @throws IllegalArgumentException saying why the key is unusable (not base64/PEM, not a SubjectPublicKeyInfo,
     *                                  another algorithm such as RSA, another curve)
     */
    public static Parsed parse(KeyAlgorithm algorithm, String text) {
        byte[] der = der(text);
        PublicKey key;
        try {
            key = KeyFactory.getInstance(algorithm == KeyAlgorithm.ED25519 ? "Ed25519" : "EC")
                    .generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("publicKey is not an " + algorithm.wire()
                    + " SubjectPublicKeyInfo (" + describe(der) + ")");
        }
        if (algorithm == KeyAlgorithm.ECDSA_P256) {
            ECParameterSpec params = ((ECPublicKey) key).getParams();
            if (!params.getOrder().equals(P256_ORDER) || params.getCofactor() != 1) {
                throw new IllegalArgumentException("publicKey is an EC key on another curve than P-256");
            }
        }
        return new Parsed(algorithm, key, der, fingerprint(der));
    }

    /** Restores a stored key (DER base64), already checked when it was registered. */
    public static PublicKey restore(KeyAlgorithm algorithm, String derBase64) {
        return parse(algorithm, derBase64).key();
    }

    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("publicKey is empty");
        }
        String body = text.trim();
        if (body.startsWith("-----BEGIN")) {
            int start = body.indexOf('\n');
            int end = body.indexOf("-----END");
            if (!body.startsWith("-----BEGIN PUBLIC KEY-----") || start < 0 || end < start) {
                throw new IllegalArgumentException("publicKey PEM must be a '-----BEGIN PUBLIC KEY-----' block"
                        + " (X.509 SubjectPublicKeyInfo)");
            }
            body = body.substring(start, end);
        }
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKey is neither PEM nor base64");
        }
    }

    /** The key's real algorithm when it parses as another one (an RSA key offered as ed25519, say). */
    private static String describe(byte[] der) {
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "X25519", "DSA"}) {
            try {
                KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                return "it is a " + alg + " key";
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next one
            }
        }
        return "not a key this service can read";
    }
}
