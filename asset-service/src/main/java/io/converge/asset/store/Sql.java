package io.converge.asset.store;

import java.util.List;

/** Small SQL helpers shared by the hierarchy and zone repositories. */
final class Sql {

    private Sql() {
    }

    /** Escapes LIKE wildcards so user text matches literally (PostgreSQL's default escape is the backslash). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Adds "3 assets" style phrases for non-zero counts. */
    static void count(List<String> out, long n, String what) {
        if (n > 0) {
            out.add(n + " " + what + (n == 1 ? "" : "s"));
        }
    }
}
