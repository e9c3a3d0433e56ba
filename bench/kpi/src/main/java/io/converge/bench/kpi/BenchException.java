package io.converge.bench.kpi;

/** A failure with a message meant for the person running the benchmark (printed without a stack trace). */
final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What went wrong with a connection, in words: "connection refused", "timed out", else the innermost message. */
    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
        }
        return rootMessage(t);
    }

    /** The innermost message of a chain, for "could not connect: Connection refused" style details. */
    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }
}
