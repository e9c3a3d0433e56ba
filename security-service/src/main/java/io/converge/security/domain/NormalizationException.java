package io.converge.security.domain;

/** An event that cannot be normalized to OCSF: kept raw with this message as its parse error. */
public class NormalizationException extends Exception {

    /** Whether the event named an OCSF class Converge does not know (answered 422 "unknown OCSF class"). */
    private final boolean unknownClass;

    public NormalizationException(String message) {
        this(message, false);
    }

    public NormalizationException(String message, boolean unknownClass) {
        super(message, null, false, false);
        this.unknownClass = unknownClass;
    }

    public boolean unknownClass() {
        return unknownClass;
    }
}
