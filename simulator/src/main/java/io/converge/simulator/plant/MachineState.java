package io.converge.simulator.plant;

import java.util.Locale;

/** The states kpi-service's bound state metric understands (running, idle, down, setup), as reported. */
public enum MachineState {
    RUNNING, IDLE, DOWN, SETUP;

    /** The reported text: the lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
