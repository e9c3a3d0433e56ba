package io.converge.simulator.plant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A production machine as a pure state model, advanced in simulated seconds: it runs for an exponentially distributed
 * time (mean = MTBF), then stops — a failure (down, with a reason; repaired after an exponential time of mean MTTR),
 * a short idle stop, or a changeover (setup) — and runs again. While running it completes one part per cycle, each
 * part good or scrap; counters and the energy meter are cumulative and never go back. The motor temperature follows
 * the load with a first-order lag. Not thread-safe: one simulation thread drives it.
 */
public final class Machine {

    /** Down reasons a failure picks from. */
    public static final List<String> DOWN_REASONS = List.of("jam", "motor-overload", "sensor-fault",
            "material-shortage", "electrical-fault");
    static final double AMBIENT_C = 24;
    static final double RUNNING_C = 68;
    static final double THERMAL_TAU_SECONDS = 600;

    private final String tag;
    private final MachineProfile profile;
    private final RandomGenerator random;
    private MachineState state = MachineState.RUNNING;
    private String reason;
    private double remaining;
    private double partProgress;
    private long good;
    private long scrap;
    private double energyKwh;
    private double temperature = RUNNING_C;
    private int failures;

    public Machine(String tag, MachineProfile profile, RandomGenerator random) {
        this.tag = Objects.requireNonNull(tag, "tag");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = Objects.requireNonNull(random, "random");
        this.remaining = exponential(profile.mtbfSeconds());
    }

    /** Advances the machine by {@code seconds} of simulated time (&ge; 0), crossing as many state changes as due. */
    public void advance(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds must be >= 0");
        }
        double left = seconds;
        while (left > 0) {
            double step = Math.min(left, remaining);
            accumulate(step);
            remaining -= step;
            left -= step;
            if (remaining <= 0) {
                next();
            }
        }
    }

    /** Stops the machine now with a failure (down, this reason), repaired after a drawn repair time. */
    public void fail(String why) {
        state = MachineState.DOWN;
        reason = Objects.requireNonNull(why, "why");
        failures++;
        remaining = exponential(profile.mttrSeconds());
    }

    private void accumulate(double step) {
        if (state == MachineState.RUNNING) {
            partProgress += step / profile.cycleSeconds();
            while (partProgress >= 1) {
                partProgress -= 1;
                if (random.nextDouble() < profile.scrapShare()) {
                    scrap++;
                } else {
                    good++;
                }
            }
        }
        energyKwh += profile.kw(state) * step / 3600.0;
        double target = AMBIENT_C + (RUNNING_C - AMBIENT_C) * profile.kw(state) / Math.max(profile.runningKw(), 1e-9);
        temperature = target + (temperature - target) * Math.exp(-step / THERMAL_TAU_SECONDS);
    }

    private void next() {
        if (state != MachineState.RUNNING) {
            state = MachineState.RUNNING;
            reason = null;
            remaining = exponential(profile.mtbfSeconds());
            return;
        }
        double u = random.nextDouble();
        if (u < profile.idleShare()) {
            state = MachineState.IDLE;
            reason = "starved";
            remaining = exponential(MachineProfile.IDLE_SECONDS);
        } else if (u < profile.idleShare() + profile.setupShare()) {
            state = MachineState.SETUP;
            reason = "changeover";
            remaining = MachineProfile.SETUP_SECONDS * (0.5 + random.nextDouble());
        } else {
            fail(DOWN_REASONS.get(random.nextInt(DOWN_REASONS.size())));
        }
    }

    private double exponential(double mean) {
        // never 0: a zero-length state would not be seen by anyone
        return Math.max(1.0, -mean * Math.log(1 - random.nextDouble()));
    }

    /** The readings of this machine at {@code ts}: state, reason (when stopped), counters, energy, temperature. */
    public List<Reading> readings(Instant ts) {
        List<Reading> out = new ArrayList<>(6);
        out.add(new Reading(tag, Metrics.STATE, ts, state.wire()));
        if (reason != null) {
            out.add(new Reading(tag, Metrics.REASON, ts, reason));
        }
        out.add(new Reading(tag, Metrics.GOOD, ts, good));
        out.add(new Reading(tag, Metrics.SCRAP, ts, scrap));
        out.add(new Reading(tag, Metrics.ENERGY, ts, round(energyKwh, 4)));
        out.add(new Reading(tag, Metrics.TEMPERATURE, ts, round(temperature, 2)));
        return out;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    public String tag() {
        return tag;
    }

    public MachineState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public long good() {
        return good;
    }

    public long scrap() {
        return scrap;
    }

    public double energyKwh() {
        return energyKwh;
    }

    public double temperature() {
        return temperature;
    }

    public double powerKw() {
        return profile.kw(state);
    }

    public int failures() {
        return failures;
    }

    public MachineProfile profile() {
        return profile;
    }
}
