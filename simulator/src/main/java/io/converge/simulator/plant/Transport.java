package io.converge.simulator.plant;

import java.util.Locale;

/** How a line's devices send their telemetry. */
public enum Transport {
    /** MQTT, plain JSON on converge/{site}/{tag}/telemetry. */
    JSON,
    /** MQTT, Sparkplug B: one edge node per line, each asset a device. */
    SPARKPLUG,
    /** HTTP, POST /api/v1/telemetry/points through the gateway with the device token. */
    HTTP;

    public static Transport parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
