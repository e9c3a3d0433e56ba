package io.converge.security.domain.syslog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extracts {@code key=value} pairs from a free-text syslog message, as firewalls and PLC gateways write them:
 * {@code action=deny src=10.1.2.3 dst=10.20.0.5 dpt=502 proto=tcp user="j doe"}.
 *
 * <ul>
 *   <li>A pair starts a whitespace-separated word; the key is {@code [A-Za-z0-9_.-]+} and directly followed by
 *       {@code =}. Words that do not have this shape ({@code login failed}, {@code a:b=c}) are skipped.</li>
 *   <li>An unquoted value runs to the next whitespace and may itself contain {@code =} ({@code url=/x?a=b}); it may be
 *       empty ({@code key= next}).</li>
 *   <li>A double-quoted value runs to the closing quote, with {@code \"} and {@code \\} unescaped and any other
 *       backslash kept literally; an unterminated quote takes the rest of the text.</li>
 *   <li>The first occurrence of a key wins; the result keeps the order in which keys first appear.</li>
 * </ul>
 */
public final class KeyValues {

    private KeyValues() {
    }

    /**
     * @param text a message; {@code null} or blank gives an empty map
     * @return a new, mutable, insertion-ordered map
     */
    public static Map<String, String> parse(String text) {
        LinkedHashMap<String, String> pairs = new LinkedHashMap<>();
        if (text == null) {
            return pairs;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            if (i == keyStart || i == n || text.charAt(i) != '=') {
                i = skipWord(text, i);
                continue;
            }
            String key = text.substring(keyStart, i);
            i++; // '='
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i = readQuoted(text, i + 1, quoted);
                value = quoted.toString();
                i = skipWord(text, i); // anything glued to the closing quote
            } else {
                int valueStart = i;
                i = skipWord(text, i);
                value = text.substring(valueStart, i);
            }
            pairs.putIfAbsent(key, value);
        }
        return pairs;
    }

    /** Reads a quoted value starting after the opening quote; returns the index after the closing quote. */
    private static int readQuoted(String text, int from, StringBuilder out) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                out.append(text.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }

    private static int skipWord(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
    }
}
