package io.converge.telemetry.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** OPC UA style data quality of a point; stored as a small integer (its ordinal). */
public enum Quality {
    GOOD, UNCERTAIN, BAD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Quality parse(String s) {
        return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "good" -> GOOD;
            case "uncertain" -> UNCERTAIN;
            case "bad" -> BAD;
            default -> throw new IllegalArgumentException("quality must be one of good, uncertain, bad");
        };
    }

    public static Quality ofCode(int code) {
        return values()[code];
    }
}
