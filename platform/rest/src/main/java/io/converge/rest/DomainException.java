package io.converge.rest;

import java.util.List;

/** A failure the caller can act on; the API layer maps {@link Kind} to an HTTP status and a problem document. */
public class DomainException extends RuntimeException {

    public enum Kind {
        BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PRECONDITION_REQUIRED, UNPROCESSABLE, FORBIDDEN,
        PAYLOAD_TOO_LARGE, UNAVAILABLE
    }

    private final Kind kind;
    private final transient List<FieldError> errors;

    public DomainException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public DomainException(Kind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(Kind.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static DomainException conflict(String detail) {
        return new DomainException(Kind.CONFLICT, detail);
    }

    public static DomainException badRequest(String detail) {
        return new DomainException(Kind.BAD_REQUEST, detail);
    }

    public static DomainException unprocessable(String detail, List<FieldError> errors) {
        return new DomainException(Kind.UNPROCESSABLE, detail, errors);
    }
}
