package io.converge.simulator.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstallTest {

    private static final Offer UPDATE = new Offer("a1", "c1", "V4.6.0", "/api/v1/firmware/f/artifact", "00", false,
            "offered");

    @Test
    void verifiesTheSha256OfTheDownload() {
        byte[] artifact = "abc".getBytes(StandardCharsets.US_ASCII);
        String sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(sha, Install.sha256(artifact));
        assertTrue(Install.verified(artifact, sha));
        assertTrue(Install.verified(artifact, sha.toUpperCase()));
        artifact[0] ^= 1;
        assertFalse(Install.verified(artifact, sha));
        assertFalse(Install.verified(artifact, null));
    }

    @Test
    void failsTheConfiguredShareOfUpdatesButNeverARollback() {
        Install install = new Install(0.25, new SplittableRandom(9));
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!install.outcome(UPDATE).success()) {
                failed++;
            }
        }
        assertEquals(0.25, failed / 10_000.0, 0.02);
        Offer rollback = new Offer("a2", "c1", "V4.5.2", "/x", "00", true, "offered");
        for (int i = 0; i < 1000; i++) {
            assertTrue(install.outcome(rollback).success());
        }
        assertTrue(new Install(0, new SplittableRandom(1)).outcome(UPDATE).success());
        assertFalse(new Install(1, new SplittableRandom(1)).outcome(UPDATE).success());
        assertThrows(IllegalArgumentException.class, () -> new Install(1.1, new SplittableRandom(1)));
    }

    @Test
    void readsAnOfferedAction() throws Exception {
        Offer o = Offer.of(new ObjectMapper().readTree("{\"actionId\":\"a\",\"campaignId\":\"c\",\"firmwareId\":\"f\","
                + "\"version\":\"2.0.0\",\"downloadUrl\":\"/api/v1/firmware/f/artifact\",\"sha256\":\"ab\","
                + "\"signature\":\"s\",\"rollback\":true,\"state\":\"offered\",\"progress\":0}"));
        assertEquals(new Offer("a", "c", "2.0.0", "/api/v1/firmware/f/artifact", "ab", true, "offered"), o);
        assertThrows(IllegalArgumentException.class, () -> Offer.of(new ObjectMapper().readTree("{\"actionId\":\"a\"}")));
    }
}
