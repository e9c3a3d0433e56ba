package io.converge.security.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.rest.FieldError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void readsEveryOperatorFrequencyChainTechniquesAndResponses() {
        Rule r = RuleParser.parse(json("{'id':'r1','level':9,'description':'d','match':["
                + "{'field':'class_uid','equals':4001},{'field':'connection_info.protocol_name','in':['tcp','udp']},"
                + "{'field':'message','regex':'(?i)scan'},{'field':'src_endpoint.ip','cidr':['10.0.0.0/8','fd00::/8']},"
                + "{'field':'dst_endpoint.port','range':{'min':1,'max':1024}},{'field':'actor.user.name','exists':false},"
                + "{'field':'unmapped.kv.zone','equals':'dmz','not':true}],"
                + "'frequency':{'count':3,'timeframe':'PT1M','groupBy':'src_endpoint.ip'},"
                + "'ifMatched':{'rule':'r0','within':'PT5M','sameField':'src_endpoint.ip'},"
                + "'mitre':['T0846'],'response':[{'action':'block-source','text':'x'}]}"));
        assertEquals(7, r.conditions().size());
        assertEquals(3, r.frequency().count());
        assertEquals("r0", r.ifMatched().rule());
        assertEquals(List.of("T0846"), r.mitre());
        assertTrue(r.enabled());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad regex|{'id':'r','level':3,'description':'d','match':[{'field':'message','regex':'(unclosed'}]}|match[0].regex",
        "unknown field|{'id':'r','level':3,'description':'d','match':[{'field':'actor.usr.name','equals':'x'}]}|match[0].field",
        "level over 15|{'id':'r','level':16,'description':'d','match':[{'field':'message','exists':true}]}|level",
        "level 10 × 2^64 (read as 0 before; bad-input corpus)|{'id':'r','level':184467440737095516160,'description':'d','match':[{'field':'message','exists':true}]}|level",
        "no conditions|{'id':'r','level':3,'description':'d','match':[]}|match",
        "two operators|{'id':'r','level':3,'description':'d','match':[{'field':'message','exists':true,'equals':'x'}]}|match[0].field",
        "bad cidr|{'id':'r','level':3,'description':'d','match':[{'field':'src_endpoint.ip','cidr':'10.0.0.0/33'}]}|match[0].cidr",
        "inverted range|{'id':'r','level':3,'description':'d','match':[{'field':'count','range':{'min':5,'max':1}}]}|match[0].range",
        "unknown technique|{'id':'r','level':3,'description':'d','match':[{'field':'message','exists':true}],'mitre':['T1059']}|mitre",
        "bad timeframe|{'id':'r','level':3,'description':'d','match':[{'field':'message','exists':true}],'frequency':{'count':3,'timeframe':'5 minutes'}}|frequency.timeframe",
        "frequency of one|{'id':'r','level':3,'description':'d','match':[{'field':'message','exists':true}],'frequency':{'count':1,'timeframe':'PT1M'}}|frequency.count",
        "unknown attribute|{'id':'r','level':3,'description':'d','match':[{'field':'message','exists':true}],'severity':3}|severity",
        "bad id|{'id':'a b','level':3,'description':'d','match':[{'field':'message','exists':true}]}|id",
        "unknown response|{'id':'r','level':3,'description':'d','match':[{'field':'message','exists':true}],'response':[{'action':'reboot'}]}|response",
    })
    void refusesInvalidRulesNamingTheField(String what, String rule, String field) {
        RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleParser.parse(json(rule)));
        assertEquals(422, e.status());
        assertTrue(e.errors().stream().map(FieldError::field).anyMatch(field::equals), what + ": " + e.errors());
    }

    @Test
    void aRuleSetNeedsUniqueIdsAndExistingChainTargets() {
        RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleParser.parseAll(json(
                "[{'id':'a','level':3,'description':'d','match':[{'field':'message','exists':true}]},"
                        + "{'id':'a','level':3,'description':'d','match':[{'field':'message','exists':true}]},"
                        + "{'id':'b','level':3,'description':'d','match':[{'field':'message','exists':true}],"
                        + "'ifMatched':{'rule':'zz','within':'PT1M'}}]")));
        assertEquals(2, e.errors().size(), e.errors().toString());
    }
}
