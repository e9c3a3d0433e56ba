package io.converge.patch.domain;

import java.util.Optional;

/**
 * One byte range of an artifact (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Pure.
 *
 * @param first  first byte, inclusive
 * @param length number of bytes
 */
public record ByteRange(long first, long length) {

    public long last() {
        return first + length - 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last() + "/" + size;
    }

    /** What a Range header asks of a representation of {@code size} bytes. */
    public sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    /** Send everything: no Range, a syntax this service ignores (as RFC 9110 allows), or several ranges. */
    public record Whole() implements Request {
    }

    public record Partial(ByteRange range) implements Request {
    }

    /** 416: no byte of the range exists. */
    public record Unsatisfiable() implements Request {
    }

    public static Request of(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return new Whole(); // other units and multipart/byteranges are not served: the whole artifact is
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> a = number(spec.substring(0, dash));
        Optional<Long> b = number(spec.substring(dash + 1));
        if (dash == 0) { // suffix: the last n bytes
            if (b.isEmpty()) {
                return new Whole();
            }
            long n = Math.min(b.get(), size);
            return n == 0 ? new Unsatisfiable() : new Partial(new ByteRange(size - n, n));
        }
        if (a.isEmpty() || (!spec.substring(dash + 1).isEmpty() && b.isEmpty())) {
            return new Whole();
        }
        long first = a.get();
        if (b.isPresent() && b.get() < first) {
            return new Whole(); // invalid range: ignored
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        long last = b.map(x -> Math.min(x, size - 1)).orElse(size - 1);
        return new Partial(new ByteRange(first, last - first + 1));
    }

    private static Optional<Long> number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
