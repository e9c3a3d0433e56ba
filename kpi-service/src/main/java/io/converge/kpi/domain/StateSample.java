package io.converge.kpi.domain;

import java.time.Instant;

/**
 * One observation of the machine state; {@code reason} is the down (or setup) reason, optional. UNKNOWN marks a
 * report that is not a machine state (a device gone offline, a bad-quality or unparseable value): the state is
 * unknown from then on, until the next known state.
 */
public record StateSample(Instant time, MachineState state, String reason) {
    public StateSample {
        if (time == null || state == null) {
            throw new IllegalArgumentException("time and state are required");
        }
    }

    public static StateSample of(Instant time, MachineState state) {
        return new StateSample(time, state, null);
    }
}
