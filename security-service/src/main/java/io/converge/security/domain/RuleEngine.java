package io.converge.security.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a rule set on normalized events, in event time. Stateless rules fire on every matching event; a
 * {@link Rule.Frequency} rule fires when its count is reached within the timeframe in one group (then counts again
 * from zero); an {@link Rule.IfMatched} rule fires only when the earlier rule fired within its window for the same
 * value of {@code sameField}. Rules are indexed by the OCSF class their conditions require, so an event is only
 * tested against the rules that can match it.
 *
 * <p>State (frequency windows, earlier matches) lives in memory, bounded per rule to {@value #MAX_GROUPS} groups
 * (the least recently used is dropped). Evaluation is synchronized: one engine serves one intake pipeline.
 */
public final class RuleEngine {

    static final int MAX_GROUPS = 50_000;
    private static final String NONE = "\u0000none";

    private final List<Rule> all;
    private final List<Rule> rules;
    private final Map<Long, List<Rule>> byClass = new HashMap<>();
    private final List<Rule> anyClass = new ArrayList<>();
    /** A matching event counted by a frequency rule. */
    private record Hit(Instant time, java.util.UUID id) {
    }

    /** rule id → group value → matching events within the timeframe. */
    private final Map<String, Map<Object, ArrayDeque<Hit>>> windows = new HashMap<>();
    /** rule id + "|" + field → value → last time the rule fired for it (rules other rules chain on). */
    private final Map<String, Map<Object, Instant>> fired = new HashMap<>();
    private final Map<String, List<String>> chainKeys = new HashMap<>();

    public RuleEngine(Collection<Rule> ruleSet) {
        this.all = List.copyOf(ruleSet);
        this.rules = ruleSet.stream().filter(Rule::enabled).toList();
        for (Rule r : rules) {
            Set<Long> classes = classesOf(r);
            if (classes == null) {
                anyClass.add(r);
            } else {
                classes.forEach(c -> byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(r));
            }
            if (r.ifMatched() != null) {
                chainKeys.computeIfAbsent(r.ifMatched().rule(), k -> new ArrayList<>())
                        .add(key(r.ifMatched().rule(), r.ifMatched().sameField()));
            }
        }
    }

    /** The enabled rules (those evaluated). */
    public List<Rule> rules() {
        return rules;
    }

    /** Every rule of the set, disabled ones included. */
    public List<Rule> allRules() {
        return all;
    }

    /** The rules that fire on this event (in rule-set order). */
    public synchronized List<RuleMatch> evaluate(SecurityEvent e) {
        List<RuleMatch> out = null;
        Object cls = e.field("class_uid");
        List<Rule> candidates = cls instanceof Long l ? byClass.getOrDefault(l, List.of()) : List.of();
        for (List<Rule> list : List.of(candidates, anyClass)) {
            for (Rule r : list) {
                RuleMatch m = test(r, e);
                if (m != null) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(m);
                }
            }
        }
        if (out == null) {
            return List.of();
        }
        for (RuleMatch m : out) {
            remember(m.rule(), e);
        }
        return out;
    }

    private RuleMatch test(Rule r, SecurityEvent e) {
        for (Condition c : r.conditions()) {
            if (!c.test(e)) {
                return null;
            }
        }
        if (r.ifMatched() != null && !chained(r.ifMatched(), e)) {
            return null;
        }
        if (r.frequency() == null) {
            return new RuleMatch(r, e, 1, List.of(e.id()));
        }
        Rule.Frequency f = r.frequency();
        Object group = f.groupBy() == null ? NONE : e.field(f.groupBy());
        if (group == null) {
            return null;
        }
        ArrayDeque<Hit> hits = windows.computeIfAbsent(r.id(), k -> lru())
                .computeIfAbsent(group, k -> new ArrayDeque<>());
        Instant from = e.time().minus(f.timeframe());
        hits.addLast(new Hit(e.time(), e.id()));
        hits.removeIf(h -> h.time().isBefore(from));
        if (hits.size() < f.count()) {
            return null;
        }
        List<java.util.UUID> ids = hits.stream().map(Hit::id).toList();
        hits.clear();
        return new RuleMatch(r, e, ids.size(), ids);
    }

    private boolean chained(Rule.IfMatched m, SecurityEvent e) {
        Object v = m.sameField() == null ? NONE : e.field(m.sameField());
        if (v == null) {
            return false;
        }
        Map<Object, Instant> last = fired.get(key(m.rule(), m.sameField()));
        Instant at = last == null ? null : last.get(v);
        return at != null && !at.isAfter(e.time()) && !at.isBefore(e.time().minus(m.within()));
    }

    private void remember(Rule r, SecurityEvent e) {
        List<String> keys = chainKeys.get(r.id());
        if (keys == null) {
            return;
        }
        for (String k : keys) {
            String field = k.substring(k.indexOf('|') + 1);
            Object v = field.isEmpty() ? NONE : e.field(field);
            if (v != null) {
                Map<Object, Instant> last = fired.computeIfAbsent(k, x -> lru());
                Instant prev = last.get(v);
                if (prev == null || prev.isBefore(e.time())) {
                    last.put(v, e.time());
                }
            }
        }
    }

    private static String key(String rule, String field) {
        return rule + "|" + (field == null ? "" : field);
    }

    /** The class_uid values a rule can match (from an equals/in condition on class_uid), or null for any. */
    private static Set<Long> classesOf(Rule r) {
        for (Condition c : r.conditions()) {
            if (!c.field().equals("class_uid") || c.negate()) {
                continue;
            }
            if (c instanceof Condition.Equals eq && eq.value() instanceof Number n) {
                return Set.of(n.longValue());
            }
            if (c instanceof Condition.In in && in.values().stream().allMatch(v -> v instanceof Number)) {
                return Set.copyOf(in.values().stream().map(v -> ((Number) v).longValue()).toList());
            }
        }
        return null;
    }

    private static <V> Map<Object, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, V> eldest) {
                return size() > MAX_GROUPS;
            }
        };
    }
}
