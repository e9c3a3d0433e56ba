package io.converge.security.domain.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogParserTest {

    static final Clock MID_MARCH_2026 = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);
    static final SyslogParser PARSER = new SyslogParser(MID_MARCH_2026, ZoneOffset.UTC);

    static SyslogParser parserAt(String now, String zone) {
        return new SyslogParser(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), ZoneId.of(zone));
    }

    // ---- RFC 5424 section 6.5 examples ----

    @Test
    void rfc5424Example1WithoutStructuredData() throws Exception {
        SyslogMessage m = PARSER.parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "
                + "\uFEFF'su root' failed for lonvick on /dev/pts/8");
        assertEquals(SyslogMessage.RFC5424, m.format());
        assertEquals(4, m.facility());
        assertEquals(2, m.severity());
        assertEquals("critical", m.severityName());
        assertEquals(34, m.priority());
        assertEquals(Instant.parse("2003-10-11T22:14:15.003Z"), m.timestamp());
        assertEquals("mymachine.example.com", m.hostname());
        assertEquals("su", m.appName());
        assertNull(m.procId());
        assertEquals("ID47", m.msgId());
        assertEquals(Map.of(), m.structuredData());
        assertEquals("'su root' failed for lonvick on /dev/pts/8", m.message()); // BOM stripped
    }

    @Test
    void rfc5424Example2WithOffsetAndMicroseconds() throws Exception {
        SyslogMessage m = PARSER.parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - "
                + "%% It's time to make the do-nothing.");
        assertEquals(20, m.facility());
        assertEquals(5, m.severity());
        assertEquals("notice", m.severityName());
        assertEquals(Instant.parse("2003-08-24T12:14:15.000003Z"), m.timestamp());
        assertEquals("192.0.2.1", m.hostname());
        assertEquals("myproc", m.appName());
        assertEquals("8710", m.procId());
        assertNull(m.msgId());
        assertEquals(Map.of(), m.structuredData());
        assertEquals("%% It's time to make the do-nothing.", m.message());
    }

    @Test
    void rfc5424Example3WithStructuredDataAndMessage() throws Exception {
        SyslogMessage m = PARSER.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] "
                + "\uFEFFAn application event log entry...");
        assertEquals("evntslog", m.appName());
        assertEquals("ID47", m.msgId());
        Map<String, String> params = m.structuredData().get("exampleSDID@32473");
        assertEquals(Map.of("iut", "3", "eventSource", "Application", "eventID", "1011"), params);
        assertEquals(List.of("iut", "eventSource", "eventID"), List.copyOf(params.keySet()));
        assertEquals("An application event log entry...", m.message());
    }

    @Test
    void rfc5424Example4StructuredDataOnly() throws Exception {
        SyslogMessage m = PARSER.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\"]");
        assertEquals(List.of("exampleSDID@32473", "examplePriority@32473"), List.copyOf(m.structuredData().keySet()));
        assertEquals(Map.of("class", "high"), m.structuredData().get("examplePriority@32473"));
        assertEquals("", m.message());
    }

    // ---- RFC 5424 details ----

    @Test
    void allNilValuesAndTrailingCrLf() throws Exception {
        SyslogMessage m = PARSER.parse("<0>1 - - - - - -\r\n");
        assertEquals("emergency", m.severityName());
        assertNull(m.timestamp());
        assertNull(m.hostname());
        assertNull(m.appName());
        assertNull(m.procId());
        assertNull(m.msgId());
        assertEquals(Map.of(), m.structuredData());
        assertEquals("", m.message());
    }

    @Test
    void paramValueEscapes() throws Exception {
        SyslogMessage m = PARSER.parse("<14>1 2026-03-15T10:00:00+01:00 gw plcd 1 ALARM "
                + "[alarm@32473 a=\"say \\\"hi\\\"\" b=\"C:\\\\plc\" c=\"x\\]y\" d=\"keep\\n\" e=\"un]escaped\" "
                + "a=\"second\"] coil 17 forced\n");
        Map<String, String> p = m.structuredData().get("alarm@32473");
        assertEquals("say \"hi\"", p.get("a")); // first value of a repeated PARAM-NAME wins
        assertEquals("C:\\plc", p.get("b"));
        assertEquals("x]y", p.get("c"));
        assertEquals("keep\\n", p.get("d"));
        assertEquals("un]escaped", p.get("e"));
        assertEquals(Instant.parse("2026-03-15T09:00:00Z"), m.timestamp());
        assertEquals("coil 17 forced", m.message());
        assertEquals(1, m.facility());
        assertEquals("informational", m.severityName());
    }

    @Test
    void utf8InMessageAndParamValues() throws Exception {
        SyslogMessage m = PARSER.parse("<13>1 2026-03-15T10:00:00Z h a - - [ort@1 halle=\"Gießerei\"] Tür offen");
        assertEquals("Gießerei", m.structuredData().get("ort@1").get("halle"));
        assertEquals("Tür offen", m.message());
    }

    @Test
    void fieldLengthLimitsAreInclusive() throws Exception {
        SyslogMessage m = PARSER.parse("<13>1 - " + "h".repeat(255) + " " + "a".repeat(48) + " "
                + "p".repeat(128) + " " + "m".repeat(32) + " [" + "s".repeat(32) + "] x");
        assertEquals(255, m.hostname().length());
        assertEquals(48, m.appName().length());
        assertEquals(128, m.procId().length());
        assertEquals(32, m.msgId().length());
        assertTrue(m.structuredData().containsKey("s".repeat(32)));
    }

    @Test
    void severityNames() {
        String[] names = {"emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"};
        for (int s = 0; s < 8; s++) {
            assertEquals(names[s], new SyslogMessage("rfc3164", 1, s, null, null, null, null, null, null, "")
                    .severityName());
        }
    }

    // ---- RFC 3164 ----

    @Test
    void rfc3164Example() throws Exception {
        SyslogMessage m = PARSER.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
        assertEquals(SyslogMessage.RFC3164, m.format());
        assertEquals(4, m.facility());
        assertEquals(2, m.severity());
        // October 2026 would be months ahead of the March 2026 clock: last year's
        assertEquals(Instant.parse("2025-10-11T22:14:15Z"), m.timestamp());
        assertEquals("mymachine", m.hostname());
        assertEquals("su", m.appName());
        assertNull(m.procId());
        assertNull(m.msgId());
        assertEquals(Map.of(), m.structuredData());
        assertEquals("'su root' failed for lonvick on /dev/pts/8", m.message());
    }

    @Test
    void rfc3164SpacePaddedDayTagWithPidAndZone() throws Exception {
        SyslogMessage m = parserAt("2026-07-10T00:00:00Z", "Europe/Berlin")
                .parse("<30>Jul  1 08:00:01 plc-gw-01 modbusd[4711]: write coil 17\n");
        assertEquals(Instant.parse("2026-07-01T06:00:01Z"), m.timestamp()); // CEST = UTC+2
        assertEquals("plc-gw-01", m.hostname());
        assertEquals("modbusd", m.appName());
        assertEquals("4711", m.procId());
        assertEquals("write coil 17", m.message());
        assertEquals(3, m.facility());
        assertEquals(6, m.severity());
    }

    @Test
    void rfc3164WithoutTag() throws Exception {
        SyslogMessage m = PARSER.parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
        assertEquals(Instant.parse("2026-02-05T17:32:18Z"), m.timestamp());
        assertEquals("10.0.0.99", m.hostname());
        assertNull(m.appName());
        assertEquals("Use the BFG!", m.message());
    }

    @Test
    void rfc3164InvalidHeaderBecomesMessage() throws Exception {
        // RFC 3164 section 5.4 example: no valid TIMESTAMP after the PRI, so a relay treats it all as CONTENT
        String rest = "1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!";
        SyslogMessage m = PARSER.parse("<0>" + rest);
        assertEquals(SyslogMessage.RFC3164, m.format());
        assertEquals(0, m.priority());
        assertNull(m.timestamp());
        assertNull(m.hostname());
        assertNull(m.appName());
        assertEquals(rest, m.message());

        assertEquals("hello world", PARSER.parse("<14>hello world").message());
        assertEquals("Oct 32 22:14:15 host x", PARSER.parse("<14>Oct 32 22:14:15 host x").message());
        assertEquals("Oct 11 25:14:15 host x", PARSER.parse("<14>Oct 11 25:14:15 host x").message());
        assertEquals("Oct 11 22:14:15x", PARSER.parse("<14>Oct 11 22:14:15x").message());
        SyslogMessage empty = PARSER.parse("<14>");
        assertEquals("", empty.message());
        assertNull(empty.timestamp());
    }

    @Test
    void rfc3164TimestampOnly() throws Exception {
        SyslogMessage m = PARSER.parse("<14>Mar 15 11:00:00");
        assertEquals(Instant.parse("2026-03-15T11:00:00Z"), m.timestamp());
        assertNull(m.hostname());
        assertEquals("", m.message());
    }

    @Test
    void yearInference() throws Exception {
        SyslogParser newYear = parserAt("2026-01-02T00:00:00Z", "UTC");
        assertEquals(Instant.parse("2025-12-31T23:59:59Z"), newYear.parse("<13>Dec 31 23:59:59 h m").timestamp());
        // up to a day ahead is clock skew, still this year
        assertEquals(Instant.parse("2026-01-02T23:00:00Z"), newYear.parse("<13>Jan  2 23:00:00 h m").timestamp());
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), newYear.parse("<13>Jan  3 00:00:00 h m").timestamp());
        // more than a day ahead: last year's
        assertEquals(Instant.parse("2025-01-03T00:00:01Z"), newYear.parse("<13>Jan  3 00:00:01 h m").timestamp());
        // the current year is taken in the default zone: already 2026 in Tokyo, still 2025 in UTC
        SyslogParser tokyo = parserAt("2025-12-31T20:00:00Z", "Asia/Tokyo");
        assertEquals(Instant.parse("2025-12-31T15:30:00Z"), tokyo.parse("<13>Jan  1 00:30:00 h m").timestamp());
    }

    @Test
    void yearInferenceForFebruary29() throws Exception {
        assertEquals(Instant.parse("2024-02-29T10:00:00Z"),
                parserAt("2025-03-01T00:00:00Z", "UTC").parse("<13>Feb 29 10:00:00 h m").timestamp());
        assertEquals(Instant.parse("2028-02-29T10:00:00Z"),
                parserAt("2028-03-01T00:00:00Z", "UTC").parse("<13>Feb 29 10:00:00 h m").timestamp());
        // neither 2026 nor 2025 has a February 29: no timestamp, the header is left in the message
        SyslogMessage m = PARSER.parse("<13>Feb 29 10:00:00 h m");
        assertNull(m.timestamp());
        assertEquals("Feb 29 10:00:00 h m", m.message());
    }

    // ---- rejections ----

    @ParameterizedTest
    @ValueSource(strings = {
        "", "\n", "\r\n",                                // empty
        "Oct 11 22:14:15 host su: no pri",               // no '<'
        " <34>Oct 11 22:14:15 host x",                  // '<' not first
        "<", "<34", "<34 Oct 11 22:14:15 host x",       // PRI not closed
        "<>Oct 11 22:14:15 host x",                      // empty PRI
        "<3a>x", "<-1>x", "<+1>x",                       // not digits
        "<192>Oct 11 22:14:15 host x", "<999>1 - - - - - -", // out of range
        "<1000>x", "<0034>x",                            // more than 3 digits
        "<034>x", "<00>x",                               // leading zero
    })
    void rejectsBadPri(String line) {
        assertThrows(SyslogParseException.class, () -> PARSER.parse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<34>1 2003-10-11 22:14:15Z host app - - - msg",          // space instead of T
        "<34>1 2003-10-11t22:14:15Z host app - - - msg",          // lower-case t
        "<34>1 2003-10-11T22:14:15z host app - - - msg",          // lower-case z
        "<34>1 2003-10-11T22:14:15 host app - - - msg",           // no offset
        "<34>1 2003-10-11T22:14Z host app - - - msg",             // no seconds
        "<34>1 2003-10-11T22:14:15.1234567Z host app - - - msg",  // 7 fraction digits
        "<34>1 2003-13-11T22:14:15Z host app - - - msg",          // month 13
        "<34>1 2003-02-30T22:14:15Z host app - - - msg",          // February 30
        "<34>1 2003-10-11T24:00:00Z host app - - - msg",          // hour 24
        "<34>1 2003-10-11T22:14:15+0200 host app - - - msg",      // offset without colon
        "<34>1 03-10-11T22:14:15Z host app - - - msg",            // two-digit year
        "<34>1 yesterday host app - - - msg",
        "<34>1  host app - - - msg",                               // empty TIMESTAMP
    })
    void rejectsBadRfc5424Timestamp(String line) {
        assertThrows(SyslogParseException.class, () -> PARSER.parse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<34>1 - host app - - [id",                        // SD-ELEMENT not closed
        "<34>1 - host app - - [id p=\"1\"",                // not closed after a param
        "<34>1 - host app - - [id p=\"1]",                 // PARAM-VALUE not closed
        "<34>1 - host app - - [id p=\"1\\\"]",             // closing quote escaped away
        "<34>1 - host app - - [id p=1]",                   // unquoted value
        "<34>1 - host app - - [id p]",                     // no '='
        "<34>1 - host app - - [id =\"1\"]",                // empty PARAM-NAME
        "<34>1 - host app - - []",                         // empty SD-ID
        "<34>1 - host app - - [ id p=\"1\"]",              // empty SD-ID before SP
        "<34>1 - host app - - [id  p=\"1\"]",              // two spaces
        "<34>1 - host app - - [id p=\"1\"x]",              // junk after the value
        "<34>1 - host app - - [exä p=\"1\"]",              // non-ASCII SD-ID
        "<34>1 - host app - - [id pä=\"1\"]",              // non-ASCII PARAM-NAME
        "<34>1 - host app - - [id\tp=\"1\"]",              // control character in SD-ID
        "<34>1 - host app - - [id p=\"1\"][id q=\"2\"]",   // duplicate SD-ID
        "<34>1 - host app - - [id p=\"1\"]x",              // junk after STRUCTURED-DATA
        "<34>1 - host app - - -x",                         // junk after NILVALUE
        "<34>1 - host app - - x",                          // neither '[' nor '-'
        "<34>1 - host app - - ",                           // empty STRUCTURED-DATA
        "<34>1 - host app - -",                            // no STRUCTURED-DATA
        "<34>1 - host app - - [sssssssssssssssssssssssssssssssss]", // SD-ID of 33
    })
    void rejectsMalformedStructuredData(String line) {
        assertThrows(SyslogParseException.class, () -> PARSER.parse(line));
    }

    @Test
    void rejectsBadRfc5424Header() {
        String[] lines = {
            "<34>1 - " + "h".repeat(256) + " app - - - msg",
            "<34>1 - host " + "a".repeat(49) + " - - - msg",
            "<34>1 - host app " + "p".repeat(129) + " - - msg",
            "<34>1 - host app - " + "m".repeat(33) + " - msg",
            "<34>1 - hóst app - - - msg",       // non-ASCII HOSTNAME
            "<34>1 - host\tx app - - - msg",    // control character
            "<34>1 - host  app - - - msg",      // empty APP-NAME
            "<34>1 - host app",                 // ends after APP-NAME
            "<34>1 ",                           // ends after VERSION
            "<34>1 -",                          // ends after TIMESTAMP
            "<34>2 2003-10-11T22:14:15Z host app - - - msg",  // unknown VERSION
            "<34>12 - host app - - - msg",
        };
        for (String line : lines) {
            assertThrows(SyslogParseException.class, () -> PARSER.parse(line), line);
        }
    }

    @Test
    void errorsTellWhatAndWhere() {
        SyslogParseException range = assertThrows(SyslogParseException.class, () -> PARSER.parse("<192>x"));
        assertEquals("PRI out of range 0..191: 192 at position 1", range.getMessage());
        assertEquals(1, range.position());

        SyslogParseException open = assertThrows(SyslogParseException.class, () -> PARSER.parse("<34"));
        assertEquals(3, open.position());
        assertTrue(open.getMessage().contains("not closed"), open.getMessage());

        SyslogParseException ts = assertThrows(SyslogParseException.class,
                () -> PARSER.parse("<34>1 2003-13-11T22:14:15Z host app - - - msg"));
        assertTrue(ts.getMessage().startsWith("invalid TIMESTAMP '2003-13-11T22:14:15Z'"), ts.getMessage());

        SyslogParseException host = assertThrows(SyslogParseException.class,
                () -> PARSER.parse("<34>1 - " + "h".repeat(256) + " app - - - msg"));
        assertEquals("HOSTNAME longer than 255 characters at position 263", host.getMessage());

        SyslogParseException sd = assertThrows(SyslogParseException.class,
                () -> PARSER.parse("<34>1 - host app - - [id p=\"1\"]x"));
        assertEquals(31, sd.position()); // the 'x'
        assertTrue(sd.getMessage().contains("STRUCTURED-DATA"), sd.getMessage());

        SyslogParseException empty = assertThrows(SyslogParseException.class, () -> PARSER.parse(""));
        assertEquals("empty message at position 0", empty.getMessage());
    }
}
