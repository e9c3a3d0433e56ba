package io.converge.security.domain;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One condition of a rule on a normalized field. A field holding a list (an OCSF array of scalars) satisfies a
 * condition when one of its elements does. {@code negate} inverts the result (a missing field then satisfies it).
 */
public sealed interface Condition {

    String field();

    boolean negate();

    /** Whether the condition holds for one scalar value (never called with null). */
    boolean testValue(Object value);

    default boolean test(SecurityEvent e) {
        Object v = e.field(field());
        boolean hit;
        if (this instanceof Exists ex) {
            hit = (v != null) == ex.present();
        } else if (v == null) {
            hit = false;
        } else if (v instanceof List<?> list) {
            hit = false;
            for (Object item : list) {
                if (testValue(item)) {
                    hit = true;
                    break;
                }
            }
        } else {
            hit = testValue(v);
        }
        return hit != negate();
    }

    /** Equal values; numbers compare by value (1 = 1.0), text case-sensitively, booleans as booleans. */
    static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (expected instanceof Boolean && actual instanceof String s) {
            return expected.toString().equals(s);
        }
        return expected.equals(actual);
    }

    record Equals(String field, Object value, boolean negate) implements Condition {
        @Override
        public boolean testValue(Object v) {
            return same(value, v);
        }
    }

    record In(String field, Set<Object> values, boolean negate) implements Condition {
        @Override
        public boolean testValue(Object v) {
            if (values.contains(v)) {
                return true;
            }
            for (Object x : values) {
                if (same(x, v)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Regex(String field, Pattern pattern, boolean negate) implements Condition {
        @Override
        public boolean testValue(Object v) {
            return pattern.matcher(v.toString()).find();
        }
    }

    record CidrMatch(String field, List<Cidr> networks, boolean negate) implements Condition {
        @Override
        public boolean testValue(Object v) {
            if (!(v instanceof String s)) {
                return false;
            }
            for (Cidr n : networks) {
                if (n.contains(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Inclusive numeric range; either bound may be absent. Text holding a number is compared as that number. */
    record Range(String field, Double min, Double max, boolean negate) implements Condition {
        @Override
        public boolean testValue(Object v) {
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else if (v instanceof String s) {
                try {
                    d = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else {
                return false;
            }
            return (min == null || d >= min) && (max == null || d <= max);
        }
    }

    record Exists(String field, boolean present, boolean negate) implements Condition {
        @Override
        public boolean testValue(Object v) {
            return true;
        }
    }
}
