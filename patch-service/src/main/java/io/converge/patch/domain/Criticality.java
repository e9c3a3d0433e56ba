package io.converge.patch.domain;

import java.util.Locale;

/**
 * Business criticality of a target, lowest first: the declaration order is the order in which waves update devices
 * (same values as asset-service's criticality, written lower-case on the wire).
 */
public enum Criticality {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    /** low, medium, high or critical (any case); anything else → IllegalArgumentException naming the choices. */
    public static Criticality parse(String v) {
        if (v != null) {
            for (Criticality c : values()) {
                if (c.name().equalsIgnoreCase(v.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("criticality must be one of low, medium, high, critical, got '" + v + "'");
    }
}
