package io.converge.simulator.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The pure decisions of a firmware agent: does the download match the action's SHA-256, and does this install fail
 * (a configurable share of updates fails, as flashing does in the field; rollbacks always succeed, so a failed device
 * returns to its previous firmware).
 */
public final class Install {

    /** The result to report: {@code success} or {@code failure} with a message. */
    public record Outcome(boolean success, String message) {
    }

    private final double failureShare;
    private final RandomGenerator random;

    public Install(double failureShare, RandomGenerator random) {
        if (failureShare < 0 || failureShare > 1) {
            throw new IllegalArgumentException("failure share must be in [0, 1]");
        }
        this.failureShare = failureShare;
        this.random = random;
    }

    public static String sha256(byte[] artifact) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verified(byte[] artifact, String expectedSha256) {
        return expectedSha256 != null && sha256(artifact).equals(expectedSha256.toLowerCase(Locale.ROOT));
    }

    /** The outcome of installing a verified artifact. */
    public synchronized Outcome outcome(Offer offer) {
        if (!offer.rollback() && random.nextDouble() < failureShare) {
            return new Outcome(false, "boot loop after flashing " + offer.version() + "; watchdog reverted the image");
        }
        return new Outcome(true, "running " + offer.version());
    }
}
