package io.converge.security.domain.syslog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict parser for the part of an RFC 5424 line after {@code <PRI>1 }:
 * {@code TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]}.
 *
 * <p>One instance walks one line and is thrown away, so {@link SyslogParser} stays stateless. NILVALUE ({@code -})
 * fields become {@code null}. A PARAM-NAME repeated inside one SD-ELEMENT (which the RFC allows) keeps its first
 * value; a repeated SD-ID (which the RFC forbids) is an error.
 */
final class Rfc5424Parser {

    /** RFC 3339 as restricted by RFC 5424 section 6.2.3: upper-case T and Z, seconds required, at most 6 fraction digits. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseSensitive()
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final int MAX_HOSTNAME = 255;
    private static final int MAX_APP_NAME = 48;
    private static final int MAX_PROCID = 128;
    private static final int MAX_MSGID = 32;
    private static final int MAX_SD_NAME = 32;
    private static final char BOM = '\uFEFF';

    private final String text;
    private int pos;

    private Rfc5424Parser(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /**
     * @param text  the whole line, without line terminator
     * @param pri   the already validated PRI
     * @param start index of the first TIMESTAMP character (after {@code "1 "})
     */
    static SyslogMessage parse(String text, int pri, int start) throws SyslogParseException {
        return new Rfc5424Parser(text, start).message(pri);
    }

    private SyslogMessage message(int pri) throws SyslogParseException {
        Instant timestamp = timestamp();
        space("TIMESTAMP");
        String hostname = field("HOSTNAME", MAX_HOSTNAME);
        space("HOSTNAME");
        String appName = field("APP-NAME", MAX_APP_NAME);
        space("APP-NAME");
        String procId = field("PROCID", MAX_PROCID);
        space("PROCID");
        String msgId = field("MSGID", MAX_MSGID);
        space("MSGID");
        Map<String, Map<String, String>> sd = structuredData();
        String msg = "";
        if (pos < text.length()) {
            if (text.charAt(pos) != ' ') {
                throw error("expected SP after STRUCTURED-DATA, found " + describe(text.charAt(pos)));
            }
            msg = text.substring(pos + 1);
            if (!msg.isEmpty() && msg.charAt(0) == BOM) {
                msg = msg.substring(1);
            }
        }
        return new SyslogMessage(SyslogMessage.RFC5424, pri / 8, pri % 8, timestamp, hostname, appName, procId,
                msgId, sd, msg);
    }

    private Instant timestamp() throws SyslogParseException {
        int start = pos;
        String token = token();
        if (token.equals("-")) {
            return null;
        }
        if (token.isEmpty()) {
            throw new SyslogParseException("missing TIMESTAMP", start);
        }
        try {
            return TIMESTAMP.parse(token, OffsetDateTime::from).toInstant();
        } catch (DateTimeParseException e) {
            throw new SyslogParseException("invalid TIMESTAMP '" + token + "'", start + e.getErrorIndex());
        }
    }

    /** A header field: 1..max printable US-ASCII characters, or NILVALUE (returned as {@code null}). */
    private String field(String name, int max) throws SyslogParseException {
        int start = pos;
        String token = token();
        if (token.isEmpty()) {
            throw new SyslogParseException("missing " + name, start);
        }
        if (token.length() > max) {
            throw new SyslogParseException(name + " longer than " + max + " characters", start + max);
        }
        for (int i = 0; i < token.length(); i++) {
            if (!isPrintUsAscii(token.charAt(i))) {
                throw new SyslogParseException("invalid character " + describe(token.charAt(i)) + " in " + name,
                        start + i);
            }
        }
        return token.equals("-") ? null : token;
    }

    /** STRUCTURED-DATA: NILVALUE or one or more {@code [SD-ID *(SP PARAM-NAME="PARAM-VALUE")]}. */
    private Map<String, Map<String, String>> structuredData() throws SyslogParseException {
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
            return Map.of();
        }
        if (pos >= text.length() || text.charAt(pos) != '[') {
            throw error("expected '[' or '-' starting STRUCTURED-DATA");
        }
        Map<String, Map<String, String>> sd = new LinkedHashMap<>();
        while (pos < text.length() && text.charAt(pos) == '[') {
            pos++;
            int idStart = pos;
            String id = sdName("SD-ID");
            if (sd.containsKey(id)) {
                throw new SyslogParseException("duplicate SD-ID '" + id + "'", idStart);
            }
            sd.put(id, sdParams());
        }
        return sd;
    }

    /** The {@code *(SP SD-PARAM) "]"} rest of an SD-ELEMENT. */
    private Map<String, String> sdParams() throws SyslogParseException {
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            if (pos >= text.length()) {
                throw error("SD-ELEMENT not closed by ']'");
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return params;
            }
            if (c != ' ') {
                throw error("expected SP or ']' in SD-ELEMENT, found " + describe(c));
            }
            pos++;
            String name = sdName("PARAM-NAME");
            expect('=', "after PARAM-NAME");
            expect('"', "opening PARAM-VALUE");
            params.putIfAbsent(name, paramValue());
        }
    }

    /** SD-NAME: 1..32 printable US-ASCII characters other than {@code = SP ] "}. */
    private String sdName(String what) throws SyslogParseException {
        int start = pos;
        while (pos < text.length() && isSdNameChar(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && !isSdNameDelimiter(text.charAt(pos))) {
            throw error("invalid character " + describe(text.charAt(pos)) + " in " + what);
        }
        if (pos == start) {
            throw error(pos < text.length() ? "empty " + what : "message ends where " + what + " expected");
        }
        if (pos - start > MAX_SD_NAME) {
            throw new SyslogParseException(what + " longer than " + MAX_SD_NAME + " characters", start + MAX_SD_NAME);
        }
        return text.substring(start, pos);
    }

    /** PARAM-VALUE up to the closing quote, with {@code \" \\ \]} unescaped; other backslashes are kept literally. */
    private String paramValue() throws SyslogParseException {
        int start = pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return value.toString();
            }
            if (c == '\\' && pos + 1 < text.length() && "\"\\]".indexOf(text.charAt(pos + 1)) >= 0) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        throw new SyslogParseException("PARAM-VALUE not closed by '\"'", start - 1);
    }

    /** Characters up to the next SP or the end of the line. */
    private String token() {
        int start = pos;
        int end = text.indexOf(' ', start);
        pos = end < 0 ? text.length() : end;
        return text.substring(start, pos);
    }

    private void space(String after) throws SyslogParseException {
        if (pos >= text.length()) {
            throw error("message ends after " + after);
        }
        pos++; // token() stops only at SP or the end
    }

    private void expect(char c, String where) throws SyslogParseException {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "' " + where
                    + (pos < text.length() ? ", found " + describe(text.charAt(pos)) : ", found the end"));
        }
        pos++;
    }

    private SyslogParseException error(String problem) {
        return new SyslogParseException(problem, pos);
    }

    private static boolean isPrintUsAscii(char c) {
        return c >= 33 && c <= 126;
    }

    private static boolean isSdNameChar(char c) {
        return isPrintUsAscii(c) && !isSdNameDelimiter(c);
    }

    private static boolean isSdNameDelimiter(char c) {
        return c == '=' || c == ' ' || c == ']' || c == '"';
    }

    private static String describe(char c) {
        return isPrintUsAscii(c) ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
