package io.converge.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One invalid field; {@code row} is set for bulk imports (1-based data row). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Long row, String field, String message) {

    public static FieldError of(String field, String message) {
        return new FieldError(null, field, message);
    }

    public FieldError atRow(long r) {
        return new FieldError(r, field, message);
    }
}
