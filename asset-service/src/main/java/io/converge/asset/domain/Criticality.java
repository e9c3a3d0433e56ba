package io.converge.asset.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Business criticality of an asset, lowest first (ordering is used by patch wave planning and alert weighting). */
public enum Criticality {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return value();
    }

    public static Criticality parse(String v) {
        return Enums.parse(Criticality.class, v);
    }
}
