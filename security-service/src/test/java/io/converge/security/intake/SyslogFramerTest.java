package io.converge.security.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFramerTest {

    static final int MAX = 16;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds the stream in chunks of {@code chunk} bytes, then ends it. */
    static List<String> frames(byte[] stream, int chunk) {
        List<String> out = new ArrayList<>();
        SyslogFramer framer = new SyslogFramer(MAX, out::add);
        for (int i = 0; i < stream.length; i += chunk) {
            byte[] part = new byte[Math.min(chunk, stream.length - i)];
            System.arraycopy(stream, i, part, 0, part.length);
            framer.feed(part);
        }
        framer.finish();
        return out;
    }

    static void assertFrames(List<String> expected, byte[] stream) {
        for (int chunk : new int[] {stream.length, 1, 2, 3, 7}) {
            assertEquals(expected, frames(stream, chunk), "chunk size " + chunk);
        }
    }

    @Test
    void octetCountingAndLinesMixed() {
        assertFrames(List.of("<1>a b", "<2>lf", "<3>crlf", "<4>x\ny", "<5>last"),
                bytes("6 <1>a b<2>lf\n<3>crlf\r\n6 <4>x\ny\n\r\n<5>last"));
    }

    @Test
    void oversizedFramesAreTruncatedAndTheRestSkipped() {
        String big = "<1>" + "A".repeat(25); // 28 bytes: over MAX, within 2 * MAX
        assertFrames(List.of(big.substring(0, MAX), "<2>next", big.substring(0, MAX), "<3>after"),
                bytes(big.length() + " " + big + "<2>next\n" + big + "\n<3>after\n"));
        // exactly MAX bytes is not truncated, with or without CR
        String exact = "<1>" + "B".repeat(MAX - 3);
        assertFrames(List.of(exact, exact, exact), bytes(MAX + " " + exact + exact + "\n" + exact + "\r\n"));
    }

    @Test
    void garbageLengthPrefixFallsBackToLines() {
        assertFrames(List.of("42abc", "99999 too long", "0 zero", "<1>ok"),
                bytes("42abc\n99999 too long\n0 zero\n5 <1>ok"));
        // a count over 2 * MAX is not a count
        assertFrames(List.of("33 " + "x".repeat(MAX - 3)), bytes("33 " + "x".repeat(40) + "\n"));
        // a count up to 2 * MAX is
        assertFrames(List.of("y".repeat(MAX), "<1>z"), bytes("32 " + "y".repeat(32) + "<1>z\n"));
    }

    @Test
    void binaryGarbageIsDecodedWithReplacement() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        byte[] garbage = {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 7};
        s.writeBytes(garbage);
        s.writeBytes(bytes("\n<1>fine\n"));
        assertFrames(List.of("\u0000\uFFFD\uFFFD\uFFFD(\u0007", "<1>fine"), s.toByteArray());
    }

    @Test
    void endOfStream() {
        List<String> out = new ArrayList<>();
        SyslogFramer framer = new SyslogFramer(MAX, out::add);
        framer.feed(bytes("10 <1>abc"));
        assertEquals(6, framer.finish()); // incomplete octet-counted frame dropped
        framer.feed(bytes("<2>unterminated"));
        assertEquals(0, framer.finish());
        framer.feed(bytes("99"));
        framer.finish();
        assertEquals(List.of("<2>unterminated", "99"), out);
    }

    @Test
    void aThrowingConsumerDoesNotDerailTheStream() {
        List<String> out = new ArrayList<>();
        SyslogFramer framer = new SyslogFramer(MAX, m -> {
            out.add(m);
            if (m.contains("boom")) {
                throw new IllegalStateException("sink failed");
            }
        });
        byte[] stream = bytes("<1>boom" + "!".repeat(20) + "\n<2>ok\n");
        try {
            framer.feed(stream);
        } catch (IllegalStateException expected) {
            // the server catches this; the framer must be ready for the rest of the chunk
            byte[] rest = bytes("!".repeat(11) + "\n<2>ok\n");
            framer.feed(rest);
        }
        assertEquals(List.of("<1>boom" + "!".repeat(9), "<2>ok"), out);
    }
}
