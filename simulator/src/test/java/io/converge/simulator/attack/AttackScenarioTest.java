package io.converge.simulator.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AttackScenarioTest {

    /** The signature is patch-service's scheme: Ed25519 over the 32 raw bytes of the artifact's SHA-256. */
    @Test
    void signsTheDigestAsPatchServiceVerifiesIt() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] artifact = "image".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] sig = Base64.getDecoder().decode(AttackScenario.sign(keys, artifact));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(keys.getPublic());
        v.update(MessageDigest.getInstance("SHA-256").digest(artifact));
        assertTrue(v.verify(sig));
        byte[] tampered = artifact.clone();
        tampered[10] ^= 1;
        v.initVerify(keys.getPublic());
        v.update(MessageDigest.getInstance("SHA-256").digest(tampered));
        assertTrue(!v.verify(sig), "the tampered artifact no longer matches the vendor's signature");
    }
}
