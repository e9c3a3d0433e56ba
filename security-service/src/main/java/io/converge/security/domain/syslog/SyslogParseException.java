package io.converge.security.domain.syslog;

/**
 * A syslog line that cannot be parsed: says what was wrong and at which (0-based) character position of the line,
 * after the trailing line terminator was stripped.
 */
public class SyslogParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param problem  what was wrong, e.g. {@code "PRI out of range 0..191: 192"}
     * @param position 0-based character index in the line where the problem was found
     */
    public SyslogParseException(String problem, int position) {
        super(problem + " at position " + position);
        this.position = position;
    }

    /** 0-based character index in the line where the problem was found. */
    public int position() {
        return position;
    }
}
