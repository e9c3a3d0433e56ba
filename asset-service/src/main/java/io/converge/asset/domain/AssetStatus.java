package io.converge.asset.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle status of an asset. */
public enum AssetStatus {
    PLANNED, ACTIVE, MAINTENANCE, QUARANTINED, RETIRED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return value();
    }

    public static AssetStatus parse(String v) {
        return Enums.parse(AssetStatus.class, v);
    }
}
