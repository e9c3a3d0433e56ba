package io.converge.simulator;

import java.time.Instant;

/** One-line log messages on stdout (./converge sends them to .converge/logs/simulator.log). */
public final class Log {

    private Log() {
    }

    public static void info(String format, Object... args) {
        System.out.println(Instant.now() + " INFO  " + String.format(format, args));
    }

    public static void warn(String format, Object... args) {
        System.out.println(Instant.now() + " WARN  " + String.format(format, args));
    }
}
