package io.converge.rest;

import java.time.Instant;

/**
 * The instants the suite accepts from callers: from the Unix epoch to the end of year 9999. Earlier times (negative
 * epoch values, years BC) and later ones (PostgreSQL's timestamptz overflows beyond year 294276, ISO-8601 allows a
 * billion years) are never meaningful for plant data and are refused as bad input rather than failing deeper down.
 */
public final class Instants {

    public static final Instant MIN = Instant.EPOCH;
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** How the range reads in error messages. */
    public static final String RANGE = "between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private Instants() {
    }

    /** Whether {@code t} lies within {@link #MIN} … {@link #MAX}. */
    public static boolean supported(Instant t) {
        return !t.isBefore(MIN) && !t.isAfter(MAX);
    }
}
