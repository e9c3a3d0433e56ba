package io.converge.asset.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses enum values written as in the API (lower-case, kebab-case). */
public final class Enums {

    private Enums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + allowed(type));
    }

    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
}
