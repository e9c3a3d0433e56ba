package io.converge.security.domain.syslog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parsed syslog message, from either wire format.
 *
 * <p>Header fields that the sender left out (RFC 5424 NILVALUE {@code -}, or an RFC 3164 message without a
 * recognisable header) are {@code null}. The record is immutable: the structured data is copied into unmodifiable,
 * insertion-ordered maps.
 *
 * @param format         {@link #RFC5424} or {@link #RFC3164}
 * @param facility       0..23 (PRI / 8)
 * @param severity       0..7 (PRI % 8), see {@link #severityName()}
 * @param timestamp      when the sender says the event happened; {@code null} when absent
 * @param hostname       sender host name or address; {@code null} when absent
 * @param appName        RFC 5424 APP-NAME or RFC 3164 TAG; {@code null} when absent
 * @param procId         RFC 5424 PROCID or the RFC 3164 {@code [pid]}; {@code null} when absent
 * @param msgId          RFC 5424 MSGID; always {@code null} for RFC 3164
 * @param structuredData SD-ID to its parameters (name to value), in wire order; empty when none
 * @param message        free-text MSG without a leading BOM; may be empty, never {@code null}
 */
public record SyslogMessage(
        String format,
        int facility,
        int severity,
        Instant timestamp,
        String hostname,
        String appName,
        String procId,
        String msgId,
        Map<String, Map<String, String>> structuredData,
        String message) {

    /** {@link #format()} of an RFC 5424 message. */
    public static final String RFC5424 = "rfc5424";
    /** {@link #format()} of an RFC 3164 (BSD) message. */
    public static final String RFC3164 = "rfc3164";

    private static final String[] SEVERITY_NAMES = {
        "emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"
    };

    /** Validates the ranges and freezes the structured data. */
    public SyslogMessage {
        if (!RFC5424.equals(format) && !RFC3164.equals(format)) {
            throw new IllegalArgumentException("format must be " + RFC5424 + " or " + RFC3164 + ": " + format);
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("facility out of range 0..23: " + facility);
        }
        if (severity < 0 || severity > 7) {
            throw new IllegalArgumentException("severity out of range 0..7: " + severity);
        }
        structuredData = freeze(structuredData);
        message = message == null ? "" : message;
    }

    /** The PRI value the message was sent with: facility * 8 + severity. */
    public int priority() {
        return facility * 8 + severity;
    }

    /** The RFC 5424 name of {@link #severity()}: emergency, alert, critical, error, warning, notice, informational, debug. */
    public String severityName() {
        return SEVERITY_NAMES[severity];
    }

    private static Map<String, Map<String, String>> freeze(Map<String, Map<String, String>> sd) {
        if (sd == null || sd.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sd.forEach((id, params) -> copy.put(id, params == null || params.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(params))));
        return Collections.unmodifiableMap(copy);
    }
}
