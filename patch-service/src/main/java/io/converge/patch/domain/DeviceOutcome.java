package io.converge.patch.domain;

import java.util.Locale;

/** Where one device of a wave stands. SUCCEEDED, FAILED and TIMED_OUT are final for the wave. */
public enum DeviceOutcome {
    PENDING, IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT;
    }

    public boolean error() {
        return this == FAILED || this == TIMED_OUT;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return value();
    }
}
