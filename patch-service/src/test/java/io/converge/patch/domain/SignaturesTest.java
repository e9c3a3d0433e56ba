package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signature scheme: Ed25519 over the SHA-256 digest; ECDSA P-256 = ECDSA-with-SHA-256 over the artifact. */
class SignaturesTest {

    private static final byte[] ARTIFACT = "firmware image bytes".getBytes(StandardCharsets.UTF_8);

    private static byte[] sign(String alg, KeyPair k, byte[] msg) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(k.getPrivate());
        s.update(msg);
        return s.sign();
    }

    @Test
    void ed25519OverTheDigest() throws Exception {
        KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ARTIFACT);
        var key = VendorKeys.parse(KeyAlgorithm.ED25519, Base64.getEncoder().encodeToString(
                k.getPublic().getEncoded())).key();
        assertTrue(Signatures.verify(KeyAlgorithm.ED25519, key, digest, sign("Ed25519", k, digest)));
        assertFalse(Signatures.verify(KeyAlgorithm.ED25519, key, digest, sign("Ed25519", k, ARTIFACT)));
        assertFalse(Signatures.verify(KeyAlgorithm.ED25519, key, digest, new byte[] {1, 2, 3}));
    }

    @Test
    void ecdsaP256DerAndRaw() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ARTIFACT);
        var key = VendorKeys.parse(KeyAlgorithm.ECDSA_P256, Base64.getEncoder().encodeToString(
                k.getPublic().getEncoded())).key();
        assertTrue(Signatures.verify(KeyAlgorithm.ECDSA_P256, key, digest, sign("SHA256withECDSA", k, ARTIFACT)));
        assertTrue(Signatures.verify(KeyAlgorithm.ECDSA_P256, key, digest,
                sign("SHA256withECDSAinP1363Format", k, ARTIFACT)));
        assertFalse(Signatures.verify(KeyAlgorithm.ECDSA_P256, key, digest,
                sign("SHA256withECDSA", k, "other".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void keysMustMatchTheirAlgorithm() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String b64 = Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VendorKeys.parse(KeyAlgorithm.ED25519, b64));
        assertTrue(e.getMessage().contains("RSA"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VendorKeys.parse(KeyAlgorithm.ECDSA_P256, b64));
        assertThrows(IllegalArgumentException.class, () -> VendorKeys.parse(KeyAlgorithm.ED25519, ""));
        assertEquals(64, VendorKeys.fingerprint(new byte[] {1}).length());
    }
}
