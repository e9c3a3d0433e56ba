package io.converge.asset.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** ISA-95 equipment hierarchy levels, top-down; each level's parent is the level above it. */
public enum NodeLevel {
    ENTERPRISE, SITE, AREA, LINE, CELL;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return value();
    }

    /** The level a parent of this level must have, or null for the root level. */
    public NodeLevel parentLevel() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }

    public static NodeLevel parse(String v) {
        return Enums.parse(NodeLevel.class, v);
    }
}
