package io.converge.security.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped rule against its cases (src/test/resources/rules/cases.json): a sequence of events on which it must
 * fire, and one on which it must stay quiet. Each sequence runs through a fresh engine holding the whole shipped
 * rule set; a step's {@code context} stands for what the enricher adds.
 */
class DefaultRulesetTest {

    static final Instant BASE = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonEvents events = new JsonEvents(Clock.fixed(BASE.plusSeconds(86_400), ZoneOffset.UTC));
    private final List<Rule> rules = RuleParser.loadDefault();

    @Test
    void theShippedRuleSetHasAtLeast25RulesEachWithBothCases() throws Exception {
        assertTrue(rules.size() >= 25, "rules: " + rules.size());
        Set<String> withCases = cases().stream().filter(c -> !c.path("fire").isEmpty() && !c.path("quiet").isEmpty())
                .map(c -> c.get("rule").asText()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ids = rules.stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(ids, withCases, "every rule needs a firing and a quiet case");
    }

    @Test
    void theCrossDomainRulesAreShippedWithTheirTechniques() {
        Map<String, Rule> byId = RuleParser.byId(rules);
        assertTrue(byId.get("100130").mitre().contains("T0839"));
        assertTrue(byId.get("100101").frequency() != null);
        assertTrue(byId.get("100122").ifMatched() != null);
        assertTrue(rules.stream().allMatch(r -> r.mitre().stream().allMatch(AttackIcs::known)));
    }

    @TestFactory
    Stream<DynamicTest> eachRuleFiresOnItsCaseAndStaysQuietOnTheOther() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            String rule = c.get("rule").asText();
            tests.add(DynamicTest.dynamicTest(rule + " fires", () -> {
                List<Boolean> fired = run(rule, c.get("fire"));
                assertTrue(fired.get(fired.size() - 1), rule + " must fire on the last event of its case");
            }));
            tests.add(DynamicTest.dynamicTest(rule + " stays quiet", () -> {
                List<Boolean> fired = run(rule, c.get("quiet"));
                assertFalse(fired.contains(true), rule + " fired on its quiet case: " + fired);
            }));
        }
        return tests.stream();
    }

    /** Whether the rule fired, per event of the sequence. */
    private List<Boolean> run(String rule, JsonNode steps) throws Exception {
        RuleEngine engine = new RuleEngine(rules);
        List<Boolean> out = new ArrayList<>();
        for (JsonNode step : steps) {
            int repeat = step.path("repeat").asInt(1);
            for (int i = 0; i < repeat; i++) {
                ObjectNode in = step.get("event").deepCopy();
                long at = step.path("at").asLong(0) + (long) i * step.path("spacing").asLong(1);
                in.put("time", BASE.plusSeconds(at).toString());
                SecurityEvent e = events.normalize(in, "test");
                Map<String, Object> ctx = new HashMap<>();
                step.path("context").fields().forEachRemaining(f -> ctx.put(f.getKey(), value(f.getValue())));
                List<RuleMatch> matches = engine.evaluate(e.withFields(ctx));
                out.add(matches.stream().anyMatch(m -> m.rule().id().equals(rule)));
            }
        }
        return out;
    }

    private static Object value(JsonNode v) {
        return v.isBoolean() ? v.booleanValue() : v.isIntegralNumber() ? v.longValue() : v.asText();
    }

    private static List<JsonNode> cases() throws Exception {
        try (InputStream in = DefaultRulesetTest.class.getResourceAsStream("/rules/cases.json")) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out;
        }
    }
}
