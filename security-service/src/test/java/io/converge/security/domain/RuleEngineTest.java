package io.converge.security.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static SecurityEvent event(long second, Map<String, Object> fields) {
        OcsfDocument d = OcsfDocument.start(OcsfClass.AUTHENTICATION, UUID.randomUUID(), T0.plusSeconds(second), 1,
                "Logon", 1, "test");
        return d.toEvent().withFields(fields);
    }

    private static final List<Rule> RULES = RuleParser.parseAll(RuleParserTest.json("["
            + "{'id':'fail','level':5,'description':'d','match':[{'field':'status','equals':'Failure'}],"
            + "'frequency':{'count':3,'timeframe':'PT1M','groupBy':'actor.user.name'}},"
            + "{'id':'after','level':9,'description':'d','match':[{'field':'status','equals':'Success'}],"
            + "'ifMatched':{'rule':'fail','within':'PT5M','sameField':'actor.user.name'}},"
            + "{'id':'off','level':9,'enabled':false,'description':'d','match':[{'field':'status','exists':true}]}]"));

    private static Map<String, Object> f(String status, String user) {
        return Map.of("status", status, "actor.user.name", user);
    }

    @Test
    void frequencyCountsPerGroupWithinTheTimeframeAndStartsAgainAfterFiring() {
        RuleEngine e = new RuleEngine(RULES);
        assertEquals(0, e.evaluate(event(0, f("Failure", "a"))).size());
        assertEquals(0, e.evaluate(event(10, f("Failure", "b"))).size());
        assertEquals(0, e.evaluate(event(20, f("Failure", "a"))).size());
        List<RuleMatch> m = e.evaluate(event(30, f("Failure", "a")));
        assertEquals(1, m.size());
        assertEquals(3, m.get(0).count());
        // counting starts again: two more are not enough, and the first of a group ages out of the minute
        assertEquals(0, e.evaluate(event(31, f("Failure", "a"))).size());
        assertEquals(0, e.evaluate(event(32, f("Failure", "a"))).size());
        assertEquals(0, e.evaluate(event(100, f("Failure", "b"))).size());
        assertEquals(0, e.evaluate(event(101, f("Failure", "b"))).size());
    }

    @Test
    void aChainedRuleNeedsTheEarlierMatchForTheSameValueWithinItsWindow() {
        RuleEngine e = new RuleEngine(RULES);
        for (int i = 0; i < 3; i++) {
            e.evaluate(event(i, f("Failure", "a")));
        }
        assertTrue(e.evaluate(event(10, f("Success", "b"))).isEmpty(), "another user");
        assertEquals("after", e.evaluate(event(60, f("Success", "a"))).get(0).rule().id());
        assertTrue(e.evaluate(event(2 + 301, f("Success", "a"))).isEmpty(), "after the window");
    }

    @Test
    void disabledRulesAreNotEvaluatedAndListValuesMatchAnyElement() {
        RuleEngine e = new RuleEngine(RULES);
        assertEquals(2, e.rules().size());
        Condition in = new Condition.In("finding_info.types", java.util.Set.of("x"), false);
        SecurityEvent ev = OcsfDocument.start(OcsfClass.DETECTION_FINDING, UUID.randomUUID(), T0, 1, null, 1, "t")
                .set("finding_info.types", JsonNodeFactory.instance.arrayNode().add("y").add("x")).toEvent();
        assertTrue(in.test(ev));
        assertTrue(new Condition.Equals("class_uid", 2004L, false).test(ev));
        assertTrue(new Condition.Range("severity_id", 1.0, 1.0, false).test(ev));
        assertTrue(new Condition.Exists("user.name", true, true).test(ev));
    }
}
