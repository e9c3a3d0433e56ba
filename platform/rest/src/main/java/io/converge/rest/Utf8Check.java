package io.converge.rest;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Lets Jackson read only well-formed UTF-8 (RFC 3629): no overlong forms ({@code C0 AF} for '/'), no encoded
 * surrogates ({@code ED A0 80}), nothing beyond U+10FFFF, no stray continuation byte. Jackson's own UTF-8 decoding
 * accepts the first two. A malformed byte fails the read with a {@link CharConversionException}, which
 * {@link ProblemMapper} answers 400.
 */
public final class Utf8Check extends InputDecorator {

    @Override
    public InputStream decorate(IOContext ctxt, InputStream in) {
        return new Checked(in);
    }

    @Override
    public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length) throws IOException {
        Checker c = new Checker();
        c.check(src, offset, length);
        c.end();
        return new ByteArrayInputStream(src, offset, length);
    }

    @Override
    public Reader decorate(IOContext ctxt, Reader r) {
        return r;
    }

    /** The state of a byte-by-byte check: the continuation bytes still expected and the bounds of the next one. */
    static final class Checker {
        private int pending;
        private int low = 0x80;
        private int high = 0xBF;
        private long offset;

        void check(byte[] b, int off, int len) throws CharConversionException {
            for (int i = off; i < off + len; i++, offset++) {
                int c = b[i] & 0xFF;
                if (pending > 0) {
                    if (c < low || c > high) {
                        throw malformed(c);
                    }
                    low = 0x80;
                    high = 0xBF;
                    pending--;
                } else if (c >= 0x80) {
                    lead(c);
                }
            }
        }

        private void lead(int c) throws CharConversionException {
            if (c >= 0xC2 && c <= 0xDF) {
                pending = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                pending = 2;
                low = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
                high = c == 0xED ? 0x9F : 0xBF; // ED A0..BF would encode a surrogate
            } else if (c >= 0xF0 && c <= 0xF4) {
                pending = 3;
                low = c == 0xF0 ? 0x90 : 0x80;
                high = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw malformed(c); // C0, C1 (overlong), F5..FF, or a continuation byte without a lead
            }
        }

        void end() throws CharConversionException {
            if (pending > 0) {
                throw new CharConversionException("the body is not well-formed UTF-8: it ends inside a character");
            }
        }

        private CharConversionException malformed(int c) {
            return new CharConversionException(String.format(
                    "the body is not well-formed UTF-8: byte 0x%02X at offset %d", c, offset));
        }
    }

    private static final class Checked extends FilterInputStream {
        private final Checker checker = new Checker();

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c < 0) {
                checker.end();
            } else {
                checker.check(new byte[] {(byte) c}, 0, 1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                checker.end();
            } else {
                checker.check(b, off, n);
            }
            return n;
        }
    }
}
