package io.converge.kpi.domain;

import java.time.Instant;

/** One observation of the machine state; {@code reason} is the down (or setup) reason, optional. */
public record StateSample(Instant time, MachineState state, String reason) {
    public StateSample {
        if (time == null || state == null) {
            throw new IllegalArgumentException("time and state are required");
        }
        if (state == MachineState.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is derived, it cannot be sampled");
        }
    }

    public static StateSample of(Instant time, MachineState state) {
        return new StateSample(time, state, null);
    }
}
