package io.converge.telemetry.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a point was refused; the wire form (kebab-case) is the {@code reason} of a rejection and a metric tag. */
public enum RejectReason {
    MALFORMED_POINT, UNKNOWN_ASSET, QUARANTINED_ASSET, RETIRED_ASSET, INVALID_METRIC, MISSING_TIMESTAMP,
    INVALID_TIMESTAMP, TIMESTAMP_IN_FUTURE, TIMESTAMP_TOO_OLD, MISSING_VALUE, VALUE_NOT_FINITE, TEXT_TOO_LONG,
    INVALID_TEXT,
    INVALID_QUALITY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
