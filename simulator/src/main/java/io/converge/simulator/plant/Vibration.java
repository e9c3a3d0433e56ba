package io.converge.simulator.plant;

import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A gearbox vibration sensor (RMS velocity, mm/s): a healthy level with Gaussian noise, or — for the degrading drive —
 * a level rising at a steady rate per hour, the trend kpi-service's predictor extrapolates to its alarm threshold.
 * When the level reaches {@code failAt} the bearing is "replaced": the level drops back to the healthy baseline and
 * the degradation starts over.
 */
public final class Vibration {

    private final String tag;
    private final double baseline;
    private final double noise;
    private final double risePerHour;
    private final double failAt;
    private final RandomGenerator random;
    private double level;
    private int replacements;

    /**
     * @param risePerHour 0 for a healthy drive
     * @param start       the level at the start (for the degrading drive, somewhere between baseline and failAt)
     */
    public Vibration(String tag, double baseline, double noise, double risePerHour, double failAt, double start,
            RandomGenerator random) {
        this.tag = Objects.requireNonNull(tag, "tag");
        if (!(baseline > 0) || noise < 0 || risePerHour < 0 || !(failAt > baseline)) {
            throw new IllegalArgumentException("need baseline > 0, noise >= 0, rise >= 0, failAt > baseline");
        }
        this.baseline = baseline;
        this.noise = noise;
        this.risePerHour = risePerHour;
        this.failAt = failAt;
        this.random = Objects.requireNonNull(random, "random");
        this.level = Math.max(baseline, Math.min(start, failAt));
    }

    /**
     * The degrading level at {@code now} on a wear cycle that started at the epoch: from {@code baseline}, rising
     * {@code risePerHour}, replaced at {@code failAt}, again and again. A simulator started at any time (or restarted)
     * continues the same curve, so kpi-service's trend is not broken by restarts.
     */
    public static double phaseLevel(double baseline, double risePerHour, double failAt, java.time.Instant now) {
        if (!(risePerHour > 0) || !(failAt > baseline)) {
            return baseline;
        }
        double cycleSeconds = (failAt - baseline) / risePerHour * 3600.0;
        double into = (now.toEpochMilli() / 1000.0) % cycleSeconds;
        return baseline + risePerHour * into / 3600.0;
    }

    public void advance(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be >= 0");
        }
        level += risePerHour * seconds / 3600.0;
        if (level >= failAt) {
            level = baseline;
            replacements++;
        }
    }

    /** The level without noise (the trend). */
    public double level() {
        return level;
    }

    /** A measured sample: the level plus noise, never below 0.1 mm/s. */
    public Reading reading(Instant ts) {
        double v = Math.max(0.1, level + random.nextGaussian() * noise);
        return new Reading(tag, Metrics.VIBRATION, ts, Machine.round(v, 3));
    }

    public boolean degrading() {
        return risePerHour > 0;
    }

    public int replacements() {
        return replacements;
    }

    public String tag() {
        return tag;
    }
}
