package io.converge.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Text a service must not store: NUL and other control characters (tab, CR and LF aside) and half of a UTF-16
 * surrogate pair (PostgreSQL refuses the first, the driver turns the second into '?'). For documents read as a JSON
 * tree, where {@link StrictJson}'s string check does not apply.
 */
public final class TextChecks {

    private TextChecks() {
    }

    /** Why {@code s} cannot be stored, or null when it can. */
    public static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                return String.format("holds the control character U+%04X", (int) c);
            }
        }
        return StrictJson.unpairedSurrogate(s) >= 0 ? "holds half of a surrogate pair" : null;
    }

    /** The path and reason of the first field name or text value of {@code node} that cannot be stored, or null. */
    public static String problem(JsonNode node, String path) {
        if (node.isTextual()) {
            String p = problem(node.textValue());
            return p == null ? null : (path.isEmpty() ? "a value" : path) + " " + p;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = problem(node.get(i), path + "[" + i + "]");
                if (p != null) {
                    return p;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            String p = problem(f.getKey());
            if (p != null) {
                return "a field name " + p;
            }
            p = problem(f.getValue(), name);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
