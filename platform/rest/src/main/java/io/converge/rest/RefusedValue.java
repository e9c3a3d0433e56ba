package io.converge.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A value of the right JSON type that the suite refuses ({@link StrictJson}); its message is written for the caller
 * and {@link ProblemMapper} answers it as it is.
 */
public class RefusedValue extends InvalidFormatException {

    public RefusedValue(JsonParser p, String message, Class<?> targetType) {
        super(p, message, null, targetType);
    }
}
