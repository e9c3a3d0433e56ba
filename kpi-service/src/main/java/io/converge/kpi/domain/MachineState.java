package io.converge.kpi.domain;

import java.util.Locale;

/** Machine state as reported by the bound state metric. UNKNOWN is derived (gaps, no data), never reported. */
public enum MachineState {
    RUNNING, IDLE, DOWN, SETUP, UNKNOWN;

    public static MachineState parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("machine state is required");
        }
        MachineState s;
        try {
            s = valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            s = UNKNOWN;
        }
        if (s == UNKNOWN) {
            throw new IllegalArgumentException("machine state '" + raw + "' is not one of running, idle, down, setup");
        }
        return s;
    }
}
