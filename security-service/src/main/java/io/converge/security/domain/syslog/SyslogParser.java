package io.converge.security.domain.syslog;

import java.text.ParsePosition;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses one syslog line in either RFC 5424 or RFC 3164 (BSD) format into a {@link SyslogMessage}.
 *
 * <p>The format is told apart by what follows the PRI: {@code "1 "} (the RFC 5424 VERSION) selects RFC 5424, which is
 * then parsed strictly (see {@link Rfc5424Parser}); anything else is RFC 3164, parsed leniently like real receivers
 * do: a header without a valid {@code Mmm dd hh:mm:ss} timestamp is not an error, the whole rest of the line becomes
 * the message (RFC 3164 section 4.3.3). Only a missing or invalid PRI makes an RFC 3164 line unparseable.
 *
 * <p>RFC 3164 timestamps carry no year and no zone: they are read in the configured default zone, in the current
 * year of the clock, or in the previous year when that would put them more than a day into the future (a December
 * message read in early January).
 *
 * <p>Instances hold no mutable state and are safe to share between threads.
 */
public final class SyslogParser {

    /** How far into the future an RFC 3164 timestamp may lie (clock skew) before it is taken as last year's. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    /** {@code Mmm dd hh:mm:ss} with the day space- or zero-padded to two characters, English month names. */
    private static final DateTimeFormatter BSD_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("MMM ppd HH:mm:ss")
            .toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final int MAX_TAG_LENGTH = 48;

    private final Clock clock;
    private final ZoneId defaultZone;

    /**
     * @param clock       source of "now" for the RFC 3164 year inference
     * @param defaultZone zone in which RFC 3164 timestamps (which carry none) are read
     */
    public SyslogParser(Clock clock, ZoneId defaultZone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    /**
     * Parses one line; a single trailing {@code \n} or {@code \r\n} is ignored.
     *
     * @throws SyslogParseException when the line is empty, has no valid PRI, or is an RFC 5424 line that breaks the
     *                              RFC's syntax
     */
    public SyslogMessage parse(String line) throws SyslogParseException {
        String text = stripLineTerminator(Objects.requireNonNull(line, "line"));
        if (text.isEmpty()) {
            throw new SyslogParseException("empty message", 0);
        }
        int priEnd = priEnd(text);
        int pri = Integer.parseInt(text, 1, priEnd, 10);
        int rest = priEnd + 1;
        if (text.startsWith("1 ", rest)) {
            return Rfc5424Parser.parse(text, pri, rest + 2);
        }
        rejectOtherVersion(text, rest);
        return parseBsd(text, pri, rest);
    }

    private static String stripLineTerminator(String line) {
        if (line.endsWith("\r\n")) {
            return line.substring(0, line.length() - 2);
        }
        if (line.endsWith("\n")) {
            return line.substring(0, line.length() - 1);
        }
        return line;
    }

    /**
     * Validates {@code <PRI>} at the start of the line: 1 to 3 digits, no leading zero except for "0", value 0..191.
     *
     * @return the index of the closing {@code >}
     */
    private static int priEnd(String text) throws SyslogParseException {
        if (text.charAt(0) != '<') {
            throw new SyslogParseException("expected '<' starting the PRI, found '" + text.charAt(0) + "'", 0);
        }
        int i = 1;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        int digits = i - 1;
        if (i == text.length()) {
            throw new SyslogParseException("PRI not closed by '>'", i);
        }
        if (text.charAt(i) != '>') {
            throw digits > 3
                    ? new SyslogParseException("PRI longer than 3 digits", 4)
                    : new SyslogParseException("unexpected '" + text.charAt(i) + "' in PRI", i);
        }
        if (digits == 0) {
            throw new SyslogParseException("empty PRI", 1);
        }
        if (digits > 3) {
            throw new SyslogParseException("PRI longer than 3 digits", 4);
        }
        if (digits > 1 && text.charAt(1) == '0') {
            throw new SyslogParseException("PRI with a leading zero", 1);
        }
        int pri = Integer.parseInt(text, 1, i, 10);
        if (pri > 191) {
            throw new SyslogParseException("PRI out of range 0..191: " + pri, 1);
        }
        return i;
    }

    /**
     * A VERSION other than 1 followed by something that looks like an RFC 5424 header ({@code "- "} or a
     * {@code YYYY-} date) is an RFC 5424 message of a version this parser does not know, not a BSD message.
     */
    private static void rejectOtherVersion(String text, int pos) throws SyslogParseException {
        int i = pos;
        while (i < text.length() && i - pos < 3 && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == pos || text.charAt(pos) == '0' || i >= text.length() || text.charAt(i) != ' ') {
            return;
        }
        int h = i + 1;
        boolean nilTimestamp = text.startsWith("- ", h);
        boolean dateTimestamp = h + 4 < text.length() && text.charAt(h + 4) == '-'
                && isDigit(text.charAt(h)) && isDigit(text.charAt(h + 1))
                && isDigit(text.charAt(h + 2)) && isDigit(text.charAt(h + 3));
        if (nilTimestamp || dateTimestamp) {
            throw new SyslogParseException("unsupported syslog VERSION " + text.substring(pos, i), pos);
        }
    }

    /** RFC 3164: {@code Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG}, falling back to "all is MSG". */
    private SyslogMessage parseBsd(String text, int pri, int pos) {
        ZonedDateTime timestamp = null;
        int end = pos;
        try {
            ParsePosition at = new ParsePosition(pos);
            TemporalAccessor parsed = BSD_TIMESTAMP.parse(text, at);
            end = at.getIndex();
            if (end == text.length() || text.charAt(end) == ' ') {
                timestamp = inferYear(MonthDay.from(parsed), LocalTime.from(parsed));
            }
        } catch (DateTimeException e) {
            timestamp = null;
        }
        if (timestamp == null) {
            return bsd(pri, null, null, null, null, text.substring(pos));
        }
        int hostStart = Math.min(end + 1, text.length());
        int hostEnd = text.indexOf(' ', hostStart);
        if (hostEnd < 0) {
            String host = text.substring(hostStart);
            return bsd(pri, timestamp, host.isEmpty() ? null : host, null, null, "");
        }
        String host = hostEnd == hostStart ? null : text.substring(hostStart, hostEnd);
        return bsdContent(pri, timestamp, host, text, hostEnd + 1);
    }

    /**
     * Splits the CONTENT part into TAG, optional {@code [pid]} and MSG. A first word not ending in {@code ':'} or
     * {@code '['} is not a tag: then all of it is the message.
     */
    private static SyslogMessage bsdContent(int pri, ZonedDateTime ts, String host, String text, int pos) {
        int i = pos;
        while (i < text.length() && i - pos <= MAX_TAG_LENGTH && isTagChar(text.charAt(i))) {
            i++;
        }
        if (i == pos || i == text.length() || i - pos > MAX_TAG_LENGTH) {
            return bsd(pri, ts, host, null, null, text.substring(pos));
        }
        String tag = text.substring(pos, i);
        String pid = null;
        if (text.charAt(i) == '[') {
            int close = text.indexOf(']', i + 1);
            if (close < 0 || close == i + 1) {
                return bsd(pri, ts, host, null, null, text.substring(pos));
            }
            pid = text.substring(i + 1, close);
            i = close + 1;
            if (i < text.length() && text.charAt(i) == ':') {
                i++;
            }
        } else if (text.charAt(i) == ':') {
            i++;
        } else {
            return bsd(pri, ts, host, null, null, text.substring(pos));
        }
        if (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return bsd(pri, ts, host, tag, pid, text.substring(i));
    }

    /** The timestamp in the current year, or the previous one if that lies more than a day ahead of the clock. */
    private ZonedDateTime inferYear(MonthDay monthDay, LocalTime time) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(defaultZone));
        int year = now.getYear();
        if (monthDay.isValidYear(year)) {
            ZonedDateTime candidate = ZonedDateTime.of(monthDay.atYear(year), time, defaultZone);
            if (!candidate.isAfter(now.plus(FUTURE_TOLERANCE))) {
                return candidate;
            }
        }
        // Feb 29 in a non-leap year, or a date ahead of the clock: last year's message. Feb 29 that is valid in
        // neither year cannot be dated.
        if (!monthDay.isValidYear(year - 1)) {
            throw new DateTimeException("no recent year has " + monthDay);
        }
        return ZonedDateTime.of(monthDay.atYear(year - 1), time, defaultZone);
    }

    private static SyslogMessage bsd(int pri, ZonedDateTime ts, String host, String tag, String pid, String msg) {
        return new SyslogMessage(SyslogMessage.RFC3164, pri / 8, pri % 8, ts == null ? null : ts.toInstant(),
                host, tag, pid, null, Map.of(), msg);
    }

    /** Characters allowed in an RFC 3164 TAG: letters, digits and the punctuation real daemons use. */
    private static boolean isTagChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
