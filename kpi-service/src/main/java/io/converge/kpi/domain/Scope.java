package io.converge.kpi.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/** A KPI scope: {@code line:{uuid}} or {@code asset:{tag}}. */
public sealed interface Scope {

    /** Asset tags follow asset-service's code pattern. */
    Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    String asString();

    record Line(UUID id) implements Scope {
        public String asString() {
            return "line:" + id;
        }
    }

    record Asset(String tag) implements Scope {
        public Asset {
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("asset tag '" + tag + "' does not match " + TAG.pattern());
            }
        }

        public String asString() {
            return "asset:" + tag;
        }
    }

    static Scope parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("scope is required: expected line:{uuid} or asset:{tag}");
        }
        int colon = raw.indexOf(':');
        String kind = colon < 0 ? raw : raw.substring(0, colon);
        String rest = colon < 0 ? "" : raw.substring(colon + 1);
        switch (kind) {
            case "line" -> {
                try {
                    UUID id = UUID.fromString(rest);
                    if (id.toString().equalsIgnoreCase(rest)) {
                        return new Line(id);
                    }
                } catch (IllegalArgumentException e) {
                    // fall through to the clear message below
                }
                throw new IllegalArgumentException("scope '" + raw + "': line id '" + rest + "' is not a UUID");
            }
            case "asset" -> {
                return new Asset(rest);
            }
            default -> throw new IllegalArgumentException(
                    "unknown scope '" + raw + "': expected line:{uuid} or asset:{tag}");
        }
    }
}
