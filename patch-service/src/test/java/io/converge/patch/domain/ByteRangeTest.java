package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static ByteRange partial(String header, long size) {
        return assertInstanceOf(ByteRange.Partial.class, ByteRange.of(header, size)).range();
    }

    @Test
    void singleRanges() {
        assertEquals(new ByteRange(0, 100), partial("bytes=0-99", 1000));
        assertEquals(new ByteRange(900, 100), partial("bytes=900-", 1000));
        assertEquals(new ByteRange(900, 100), partial("bytes=900-5000", 1000)); // clipped to the end
        assertEquals(new ByteRange(950, 50), partial("bytes=-50", 1000));
        assertEquals(new ByteRange(0, 1000), partial("bytes=-5000", 1000));
        assertEquals(new ByteRange(5, 1), partial("BYTES=5-5", 1000));
        assertEquals("bytes 0-99/1000", new ByteRange(0, 100).contentRange(1000));
    }

    @Test
    void unsatisfiable() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=1000-", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=2000-3000", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=-0", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=0-", 0));
    }

    @Test
    void ignoredHeadersServeTheWhole() {
        for (String h : new String[] {null, "items=0-1", "bytes=0-1,4-5", "bytes=5-1", "bytes=a-b", "bytes=", "bytes=-",
            "bytes=1", "bytes=99999999999999999999-"}) {
            assertInstanceOf(ByteRange.Whole.class, ByteRange.of(h, 1000), String.valueOf(h));
        }
    }
}
