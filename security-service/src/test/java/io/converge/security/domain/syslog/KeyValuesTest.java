package io.converge.security.domain.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void firewallLine() {
        Map<String, String> kv = KeyValues.parse(
                "action=deny src=10.1.2.3 dst=10.20.0.5 dpt=502 proto=tcp user=\"j doe\"");
        assertEquals(Map.of("action", "deny", "src", "10.1.2.3", "dst", "10.20.0.5", "dpt", "502",
                "proto", "tcp", "user", "j doe"), kv);
        assertEquals(List.of("action", "src", "dst", "dpt", "proto", "user"), List.copyOf(kv.keySet()));
        assertInstanceOf(LinkedHashMap.class, kv);
    }

    @Test
    void wordsWithoutEqualsAreIgnored() {
        Map<String, String> kv = KeyValues.parse("PLC gateway: write denied fc=5 coil=17 by policy  rule.id=OT-7");
        assertEquals(List.of("fc", "coil", "rule.id"), List.copyOf(kv.keySet()));
        assertEquals("OT-7", kv.get("rule.id"));
    }

    @Test
    void quotedValuesWithEscapes() {
        Map<String, String> kv = KeyValues.parse(
                "msg=\"said \\\"stop\\\" twice\" path=\"C:\\\\ot\\\\hmi\" other=\"a\\tb\" empty=\"\" next=1");
        assertEquals("said \"stop\" twice", kv.get("msg"));
        assertEquals("C:\\ot\\hmi", kv.get("path"));
        assertEquals("a\\tb", kv.get("other")); // unknown escape kept literally
        assertEquals("", kv.get("empty"));
        assertEquals("1", kv.get("next"));
    }

    @Test
    void firstOccurrenceWins() {
        Map<String, String> kv = KeyValues.parse("src=1.1.1.1 dst=2.2.2.2 src=9.9.9.9");
        assertEquals("1.1.1.1", kv.get("src"));
        assertEquals(List.of("src", "dst"), List.copyOf(kv.keySet()));
    }

    @Test
    void keyShapeAndUnquotedValues() {
        Map<String, String> kv = KeyValues.parse(
                "url=/api?a=b&c=d dev_name=FG-100 a:b=c -flag=on key= x=\"y\"z after=ok =lonely tr\u00e4ger=1 ok2=yes");
        assertEquals("/api?a=b&c=d", kv.get("url"));   // '=' inside a value
        assertEquals("FG-100", kv.get("dev_name"));
        assertEquals("on", kv.get("-flag"));
        assertEquals("", kv.get("key"));               // empty unquoted value
        assertEquals("y", kv.get("x"));                // junk glued to the closing quote is skipped
        assertEquals("ok", kv.get("after"));
        assertEquals("yes", kv.get("ok2"));
        assertEquals(List.of("url", "dev_name", "-flag", "key", "x", "after", "ok2"), List.copyOf(kv.keySet()));
    }

    @Test
    void unterminatedQuoteTakesTheRest() {
        assertEquals(Map.of("a", "1", "note", "runs to the end"),
                KeyValues.parse("a=1 note=\"runs to the end"));
    }

    @Test
    void tabsAndNewlinesSeparateWords() {
        assertEquals(Map.of("a", "1", "b", "2"), KeyValues.parse("a=1\tb=2\n"));
    }

    @Test
    void emptyInput() {
        assertTrue(KeyValues.parse(null).isEmpty());
        assertTrue(KeyValues.parse("").isEmpty());
        assertTrue(KeyValues.parse("   no pairs here ").isEmpty());
    }
}
