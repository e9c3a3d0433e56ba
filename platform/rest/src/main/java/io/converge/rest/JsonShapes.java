package io.converge.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Jackson failures told in the caller's terms (JSON types), without the Java types Jackson's messages name. */
public final class JsonShapes {

    private JsonShapes() {
    }

    /** What the body should have held where it did not match. */
    static String expected(JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae
                && iae.getMessage() != null) {
            return ProblemMapper.safe(iae.getMessage());
        }
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        return type == null ? "a value of another type" : "expected " + of(type);
    }

    /** A parse error without Jackson's references to its own classes and settings. */
    public static String parseError(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return expected(mapping);
        }
        String m = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        // e.g. "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints…`)"
        return m.replaceAll(",? *from `[^`]*`", "").replaceAll("`[^`]*`", "a value");
    }

    static String of(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Temporal.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type)) {
            return "an ISO-8601 string";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object" : "a value";
    }
}
