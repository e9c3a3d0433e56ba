package io.converge.bench.common;

import java.util.Map;

/** The env knobs of a benchmark: blank counts as unset; a bad value is a BenchException naming the knob. */
public record Env(Map<String, String> env) {

    /** The trimmed value, or def when unset or blank. */
    public String str(String name, String def) {
        String v = env.get(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    /** A base URL without a trailing slash. */
    public String url(String name, String def) {
        return trimSlash(str(name, def));
    }

    /** On when set to "1", off otherwise (KEEP=1, STRICT=1). */
    public boolean flag(String name) {
        return "1".equals(str(name, "0"));
    }

    /** An integer >= min; "_" and "," are allowed as digit separators (N=1_000_000). */
    public int integer(String name, int def, int min) {
        String v = str(name, null);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.replace("_", "").replace(",", ""));
            if (i < min) {
                throw new BenchException(name + " must be >= " + min + ", got " + v);
            }
            return i;
        } catch (NumberFormatException x) {
            throw new BenchException(name + " must be an integer, got '" + v + "'");
        }
    }

    /** A number > 0. */
    public double decimal(String name, double def) {
        String v = str(name, null);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0)) {
                throw new BenchException(name + " must be > 0, got " + v);
            }
            return d;
        } catch (NumberFormatException x) {
            throw new BenchException(name + " must be a number, got '" + v + "'");
        }
    }

    public static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
