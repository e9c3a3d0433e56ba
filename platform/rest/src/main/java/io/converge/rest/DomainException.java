package io.converge.rest;

import java.util.List;

/** A failure the caller can act on; the API layer maps {@link Kind} to an HTTP status and a problem document. */
public class DomainException extends RuntimeException {

    /** What went wrong, with the HTTP status it is answered with. */
    public enum Kind {
        BAD_REQUEST(400), NOT_FOUND(404), CONFLICT(409), PRECONDITION_FAILED(412), PRECONDITION_REQUIRED(428),
        UNPROCESSABLE(422), FORBIDDEN(403), PAYLOAD_TOO_LARGE(413), UNAVAILABLE(503), BAD_GATEWAY(502);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
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

    /** The HTTP status of this kind of failure. */
    public int status() {
        return kind.status();
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
