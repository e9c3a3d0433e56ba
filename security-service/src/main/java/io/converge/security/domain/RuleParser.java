package io.converge.security.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.rest.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates rules written as JSON:
 * <pre>{@code
 * {"id": "100210", "level": 10, "description": "Brute-force logons on one account",
 *  "match": [{"field": "class_uid", "equals": 3002}, {"field": "status", "equals": "Failure"}],
 *  "frequency": {"count": 5, "timeframe": "PT2M", "groupBy": "actor.user.name"},
 *  "ifMatched": {"rule": "100200", "within": "PT30M", "sameField": "actor.user.name"},
 *  "mitre": ["T0859"], "response": [{"action": "disable-account", "text": "…"}], "enabled": true}
 * }</pre>
 * A condition names a field and exactly one operator: {@code equals} (a scalar), {@code in} (an array of scalars),
 * {@code regex} (Java syntax, found anywhere in the value), {@code cidr} (a network or an array of networks),
 * {@code range} ({@code {"min": a, "max": b}}, inclusive, either optional) or {@code exists} (true/false); with
 * {@code "not": true} it is inverted. Every problem is reported (field errors), not only the first.
 */
public final class RuleParser {

    public static final String DEFAULT_RULESET = "/rules/default-ruleset.json";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> RULE_KEYS = Set.of("id", "level", "description", "match", "frequency",
            "ifMatched", "mitre", "response", "enabled");
    private static final Set<String> OPERATORS = Set.of("equals", "in", "regex", "cidr", "range", "exists");
    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleParser() {
    }

    /** One rule; references of {@code ifMatched} are checked against a rule set by {@link #parseAll}. */
    public static Rule parse(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Rule r = read(node, "", errors);
        if (!errors.isEmpty()) {
            throw new RuleValidationException("the rule is not valid", errors);
        }
        return r;
    }

    /** A rule set (JSON array): each rule valid, ids unique, every {@code ifMatched} naming a rule of the set. */
    public static List<Rule> parseAll(JsonNode array) {
        List<FieldError> errors = new ArrayList<>();
        if (array == null || !array.isArray()) {
            throw new RuleValidationException("a rule set is a JSON array of rules",
                    List.of(FieldError.of("", "must be an array")));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Rule r = read(array.get(i), "[" + i + "].", errors);
            if (r != null) {
                rules.add(r);
            }
        }
        errors.addAll(references(rules));
        if (!errors.isEmpty()) {
            throw new RuleValidationException("the rule set is not valid", errors);
        }
        return List.copyOf(rules);
    }

    /** Problems of a set as a whole: duplicate ids and {@code ifMatched} naming a rule not in the set. */
    public static List<FieldError> references(List<Rule> rules) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                errors.add(FieldError.of("id", "rule id " + r.id() + " appears twice"));
            }
        }
        for (Rule r : rules) {
            if (r.ifMatched() != null && !ids.contains(r.ifMatched().rule())) {
                errors.add(FieldError.of("ifMatched.rule", "rule " + r.id() + " chains on rule "
                        + r.ifMatched().rule() + ", which does not exist"));
            }
        }
        return errors;
    }

    /** The rule set shipped in the service (classpath {@value #DEFAULT_RULESET}). */
    public static List<Rule> loadDefault() {
        try (InputStream in = RuleParser.class.getResourceAsStream(DEFAULT_RULESET)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RULESET + " missing from the classpath");
            }
            return parseAll(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Rule read(JsonNode n, String at, List<FieldError> errors) {
        if (n == null || !n.isObject()) {
            errors.add(FieldError.of(at.isEmpty() ? "" : at.substring(0, at.length() - 1), "a rule is an object"));
            return null;
        }
        int before = errors.size();
        n.fieldNames().forEachRemaining(k -> {
            if (!RULE_KEYS.contains(k)) {
                errors.add(FieldError.of(at + k, "unknown rule attribute; known: " + RULE_KEYS));
            }
        });
        String id = n.path("id").isTextual() ? n.get("id").textValue() : null;
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(FieldError.of(at + "id", "required: 1-64 letters, digits, '_', '.', '-'"));
        }
        JsonNode lv = n.get("level");
        // canConvertToInt: 10 × 2^64 is integral too, and its intValue() is 0
        int level = lv != null && lv.isIntegralNumber() && lv.canConvertToInt() ? lv.intValue() : -1;
        if (level < 0 || level > 15) {
            errors.add(FieldError.of(at + "level", "required: an integer 0-15"));
        }
        String description = n.path("description").isTextual() ? n.get("description").textValue() : null;
        if (description == null || description.isBlank() || description.length() > 500) {
            errors.add(FieldError.of(at + "description", "required: text of at most 500 characters"));
        }
        List<Condition> conditions = new ArrayList<>();
        JsonNode match = n.get("match");
        if (match == null || !match.isArray() || match.isEmpty()) {
            errors.add(FieldError.of(at + "match", "required: a non-empty array of conditions"));
        } else {
            for (int i = 0; i < match.size(); i++) {
                Condition c = condition(match.get(i), at + "match[" + i + "].", errors);
                if (c != null) {
                    conditions.add(c);
                }
            }
        }
        Rule.Frequency frequency = frequency(n.get("frequency"), at + "frequency.", errors);
        Rule.IfMatched ifMatched = ifMatched(n.get("ifMatched"), at + "ifMatched.", errors);
        List<String> mitre = mitre(n.get("mitre"), at + "mitre", errors);
        List<Rule.ResponseSuggestion> response = response(n.get("response"), at + "response", errors);
        JsonNode en = n.get("enabled");
        if (en != null && !en.isBoolean()) {
            errors.add(FieldError.of(at + "enabled", "must be true or false"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Rule(id, level, description, conditions, frequency, ifMatched, mitre, response,
                en == null || en.booleanValue(), (ObjectNode) n.deepCopy());
    }

    private static Condition condition(JsonNode c, String at, List<FieldError> errors) {
        if (c == null || !c.isObject()) {
            errors.add(FieldError.of(at.substring(0, at.length() - 1), "a condition is an object"));
            return null;
        }
        String field = c.path("field").isTextual() ? c.get("field").textValue() : null;
        if (field == null) {
            errors.add(FieldError.of(at + "field", "required"));
            return null;
        }
        if (!RuleFields.known(field)) {
            errors.add(FieldError.of(at + "field", "unknown field '" + field + "' (OCSF fields, context fields or "
                    + "unmapped.*)"));
            return null;
        }
        Set<String> ops = new LinkedHashSet<>();
        c.fieldNames().forEachRemaining(k -> {
            if (OPERATORS.contains(k)) {
                ops.add(k);
            } else if (!k.equals("field") && !k.equals("not")) {
                errors.add(FieldError.of(at + k, "unknown condition attribute; operators: " + OPERATORS));
            }
        });
        if (ops.size() != 1) {
            errors.add(FieldError.of(at + "field", "a condition needs exactly one operator of " + OPERATORS));
            return null;
        }
        JsonNode notNode = c.get("not");
        if (notNode != null && !notNode.isBoolean()) {
            errors.add(FieldError.of(at + "not", "must be true or false"));
            return null;
        }
        boolean not = notNode != null && notNode.booleanValue();
        String op = ops.iterator().next();
        JsonNode v = c.get(op);
        String where = at + op;
        switch (op) {
            case "equals" -> {
                Object s = scalar(v);
                if (s == null) {
                    errors.add(FieldError.of(where, "must be a string, number or boolean"));
                    return null;
                }
                return new Condition.Equals(field, s, not);
            }
            case "in" -> {
                if (!v.isArray() || v.isEmpty()) {
                    errors.add(FieldError.of(where, "must be a non-empty array of scalars"));
                    return null;
                }
                Set<Object> values = new HashSet<>();
                for (JsonNode x : v) {
                    Object s = scalar(x);
                    if (s == null) {
                        errors.add(FieldError.of(where, "must hold strings, numbers or booleans only"));
                        return null;
                    }
                    values.add(s);
                }
                return new Condition.In(field, Set.copyOf(values), not);
            }
            case "regex" -> {
                if (!v.isTextual()) {
                    errors.add(FieldError.of(where, "must be a regular expression (string)"));
                    return null;
                }
                try {
                    return new Condition.Regex(field, Pattern.compile(v.textValue()), not);
                } catch (PatternSyntaxException e) {
                    errors.add(FieldError.of(where, "invalid regular expression: " + e.getDescription()
                            + " near index " + e.getIndex()));
                    return null;
                }
            }
            case "cidr" -> {
                List<Cidr> nets = new ArrayList<>();
                List<JsonNode> items = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(items::add);
                } else {
                    items.add(v);
                }
                for (JsonNode x : items) {
                    try {
                        if (!x.isTextual()) {
                            throw new IllegalArgumentException("a network must be a string like 10.0.0.0/8");
                        }
                        nets.add(Cidr.parse(x.textValue()));
                    } catch (IllegalArgumentException e) {
                        errors.add(FieldError.of(where, e.getMessage()));
                        return null;
                    }
                }
                if (nets.isEmpty()) {
                    errors.add(FieldError.of(where, "needs at least one network"));
                    return null;
                }
                return new Condition.CidrMatch(field, List.copyOf(nets), not);
            }
            case "range" -> {
                JsonNode min = v.get("min");
                JsonNode max = v.get("max");
                boolean ok = v.isObject() && (min != null || max != null)
                        && (min == null || min.isNumber()) && (max == null || max.isNumber())
                        && (min == null || max == null || min.doubleValue() <= max.doubleValue());
                if (!ok) {
                    errors.add(FieldError.of(where, "must be {\"min\": number, \"max\": number} (min <= max, one"
                            + " of them may be left out)"));
                    return null;
                }
                return new Condition.Range(field, min == null ? null : min.doubleValue(),
                        max == null ? null : max.doubleValue(), not);
            }
            default -> {
                if (!v.isBoolean()) {
                    errors.add(FieldError.of(where, "must be true or false"));
                    return null;
                }
                return new Condition.Exists(field, v.booleanValue(), not);
            }
        }
    }

    private static Rule.Frequency frequency(JsonNode f, String at, List<FieldError> errors) {
        if (f == null || f.isNull()) {
            return null;
        }
        int count = f.path("count").isIntegralNumber() ? f.get("count").intValue() : -1;
        if (count < 2 || count > 100_000) {
            errors.add(FieldError.of(at + "count", "required: an integer 2-100000"));
        }
        Duration window = duration(f.get("timeframe"), at + "timeframe", errors);
        String group = f.path("groupBy").isTextual() ? f.get("groupBy").textValue() : null;
        if (group != null && !RuleFields.known(group)) {
            errors.add(FieldError.of(at + "groupBy", "unknown field '" + group + "'"));
        }
        return count < 2 || window == null ? null : new Rule.Frequency(count, window, group);
    }

    private static Rule.IfMatched ifMatched(JsonNode m, String at, List<FieldError> errors) {
        if (m == null || m.isNull()) {
            return null;
        }
        String rule = m.path("rule").isTextual() ? m.get("rule").textValue() : null;
        if (rule == null || !ID.matcher(rule).matches()) {
            errors.add(FieldError.of(at + "rule", "required: the id of the earlier rule"));
        }
        Duration within = duration(m.get("within"), at + "within", errors);
        String same = m.path("sameField").isTextual() ? m.get("sameField").textValue() : null;
        if (same != null && !RuleFields.known(same)) {
            errors.add(FieldError.of(at + "sameField", "unknown field '" + same + "'"));
        }
        return rule == null || within == null ? null : new Rule.IfMatched(rule, within, same);
    }

    private static Duration duration(JsonNode d, String at, List<FieldError> errors) {
        try {
            Duration v = d != null && d.isTextual() ? Duration.parse(d.textValue()) : null;
            if (v != null && !v.isNegative() && !v.isZero() && v.compareTo(MAX_WINDOW) <= 0) {
                return v;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(FieldError.of(at, "required: an ISO-8601 duration above zero, at most P7D (e.g. PT5M)"));
        return null;
    }

    private static List<String> mitre(JsonNode m, String at, List<FieldError> errors) {
        List<String> ids = new ArrayList<>();
        if (m == null || m.isNull()) {
            return ids;
        }
        if (!m.isArray()) {
            errors.add(FieldError.of(at, "must be an array of ATT&CK for ICS technique ids"));
            return ids;
        }
        for (JsonNode t : m) {
            if (!t.isTextual() || !AttackIcs.known(t.textValue())) {
                errors.add(FieldError.of(at, "'" + t.asText() + "' is not an ATT&CK for ICS technique id"));
            } else {
                ids.add(t.textValue());
            }
        }
        return ids;
    }

    private static List<Rule.ResponseSuggestion> response(JsonNode r, String at, List<FieldError> errors) {
        List<Rule.ResponseSuggestion> out = new ArrayList<>();
        if (r == null || r.isNull()) {
            return out;
        }
        if (!r.isArray()) {
            errors.add(FieldError.of(at, "must be an array of {action, text}"));
            return out;
        }
        for (JsonNode s : r) {
            String action = s.path("action").asText(null);
            if (action == null || !Rule.ResponseSuggestion.ACTIONS.contains(action)) {
                errors.add(FieldError.of(at, "action must be one of " + Rule.ResponseSuggestion.ACTIONS));
            } else {
                out.add(new Rule.ResponseSuggestion(action, s.path("text").asText("")));
            }
        }
        return out;
    }

    private static Object scalar(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return null;
    }

    static Map<String, Rule> byId(List<Rule> rules) {
        Map<String, Rule> m = new HashMap<>();
        rules.forEach(r -> m.put(r.id(), r));
        return m;
    }
}
