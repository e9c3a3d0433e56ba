package io.converge.security.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits one TCP byte stream into syslog messages per RFC 6587, deciding the framing anew for every frame:
 *
 * <ul>
 *   <li><b>Octet counting</b> ({@code MSG-LEN SP SYSLOG-MSG}): a frame that starts with a non-zero digit, continues
 *       with digits and then a space, with a length of at most {@code 2 * maxMessageBytes}. The next MSG-LEN bytes are
 *       the message, whatever they contain.</li>
 *   <li><b>Non-transparent framing</b>: anything else, up to the next LF; a CR before the LF is dropped. A garbage
 *       length prefix (digits not followed by a space, or a length over {@code 2 * maxMessageBytes}) is read this way
 *       too, the digits being part of the message. Empty lines are ignored.</li>
 * </ul>
 *
 * <p>A frame longer than {@code maxMessageBytes} is delivered as its first {@code maxMessageBytes} bytes and the rest
 * of the frame is skipped, so the sink still sees (and counts) it while memory stays bounded. Bytes are decoded as
 * UTF-8 with malformed sequences replaced.
 *
 * <p>Not thread-safe: one instance per connection, fed from that connection's event loop.
 */
final class SyslogFramer {

    private enum State {
        /** Before the first byte of a frame. */
        START,
        /** Reading the digits of a possible MSG-LEN (they are kept in {@link #frame} in case it is not one). */
        LENGTH,
        /** Reading the {@link #remaining} bytes of an octet-counted frame. */
        OCTETS,
        /** Reading an LF-terminated frame. */
        LINE,
        /** Skipping the rest of an LF-terminated frame that was already delivered truncated. */
        SKIP_LINE
    }

    private final int maxMessageBytes;
    private final long maxLength;
    private final Consumer<String> out;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private State state = State.START;
    private long length;
    private long remaining;

    /**
     * @param maxMessageBytes the largest message delivered whole (at least 1)
     * @param out             receives each message; should not throw, and if it does the frame is already consumed
     */
    SyslogFramer(int maxMessageBytes, Consumer<String> out) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.maxLength = 2L * maxMessageBytes;
        this.out = out;
    }

    /** Consumes the next chunk of the stream, delivering every frame it completes. */
    void feed(byte[] data) {
        int i = 0;
        while (i < data.length) {
            i = switch (state) {
                case START -> start(data[i], i);
                case LENGTH -> length(data[i], i);
                case OCTETS -> octets(data, i);
                case LINE -> line(data, i);
                case SKIP_LINE -> skipLine(data, i);
            };
        }
    }

    /**
     * The stream ended: an unterminated LF frame (or a bare number) is delivered as it is, because many senders do
     * not end their last line. An incomplete octet-counted frame is dropped.
     *
     * @return how many bytes of an incomplete octet-counted frame were dropped, 0 if none
     */
    int finish() {
        State was = state;
        state = State.START;
        if (was == State.OCTETS) {
            int dropped = (int) Math.min(Integer.MAX_VALUE, length - remaining);
            frame.reset();
            return dropped;
        }
        if (was == State.LINE || was == State.LENGTH) {
            emitLine();
        }
        frame.reset();
        return 0;
    }

    private int start(byte b, int i) {
        if (b >= '1' && b <= '9') {
            length = b - '0';
            frame.write(b);
            state = State.LENGTH;
            return i + 1;
        }
        state = State.LINE;
        return i; // the byte belongs to the line
    }

    private int length(byte b, int i) {
        if (b >= '0' && b <= '9') {
            length = length * 10 + (b - '0');
            frame.write(b);
            if (length > maxLength) {
                state = State.LINE;
            }
            return i + 1;
        }
        if (b == ' ') {
            frame.reset();
            remaining = length;
            state = State.OCTETS;
            return i + 1;
        }
        state = State.LINE; // digits without a space: non-transparent framing, digits included
        return i;
    }

    private int octets(byte[] data, int i) {
        int take = (int) Math.min(remaining, data.length - i);
        frame.write(data, i, Math.min(take, room()));
        remaining -= take;
        if (remaining == 0) {
            emit(frameText(false), State.START);
        }
        return i + take;
    }

    private int line(byte[] data, int i) {
        int lf = indexOfLf(data, i);
        int end = lf < 0 ? data.length : lf;
        int available = end - i;
        int copy = Math.min(available, room());
        frame.write(data, i, copy);
        if (copy < available) {
            emit(frameText(false), State.SKIP_LINE);
            return i + copy;
        }
        if (lf < 0) {
            return data.length;
        }
        emitLine();
        return lf + 1;
    }

    private int skipLine(byte[] data, int i) {
        int lf = indexOfLf(data, i);
        if (lf < 0) {
            return data.length;
        }
        state = State.START;
        return lf + 1;
    }

    /** Delivers {@link #frame} as a complete line: without a trailing CR, and not at all if empty. */
    private void emitLine() {
        String line = frameText(true);
        if (line.isEmpty()) {
            frame.reset();
            state = State.START;
        } else {
            emit(line, State.START);
        }
    }

    /** The frame's first {@code maxMessageBytes} bytes as UTF-8, optionally without a trailing CR. */
    private String frameText(boolean dropTrailingCr) {
        byte[] bytes = frame.toByteArray();
        int len = Math.min(bytes.length, maxMessageBytes);
        if (dropTrailingCr && len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }

    /** Resets for the next frame before handing the message out, so a throwing consumer cannot derail the stream. */
    private void emit(String message, State next) {
        frame.reset();
        state = next;
        out.accept(message);
    }

    private int room() {
        return Math.max(0, maxMessageBytes - frame.size());
    }

    private static int indexOfLf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
