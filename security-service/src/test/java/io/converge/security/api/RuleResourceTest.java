package io.converge.security.api;

import static io.converge.security.api.Api.as;
import static io.converge.security.api.Api.json;
import static io.converge.security.api.Api.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleResourceTest {

    private static final String RULES = "/api/v1/security/rules";

    @Test
    void theShippedRuleSetIsSeededAndListed() {
        as("analyst").get(RULES).then().statusCode(200).body("size()", greaterThanOrEqualTo(25))
                .body("id", hasItem("100130")).body("find { it.id == '100130' }.shipped", equalTo(true));
        as("analyst").get(RULES + "?technique=T0839").then().body("id", hasItem("100143"));
        as("analyst").get("/api/v1/security/techniques").then().statusCode(200)
                .body("find { it.id == 'T0836' }.name", equalTo("Modify Parameter"));
    }

    @Test
    void createReplaceVersionsAndDeleteARuleThatThenFiresOnEvents() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "marker-" + id;
        String rule = json("{'id':'" + id + "','level':4,'description':'test rule','match':[{'field':'message',"
                + "'regex':'" + marker + "'}],'mitre':['T0836']}");
        String etag = post("analyst", RULES, rule).statusCode(201).header("Location", containsString(RULES + "/" + id))
                .body("version", equalTo(1)).extract().header("ETag");
        post("analyst", RULES, rule).statusCode(409).contentType("application/problem+json");
        String alert = post("analyst", "/api/v1/security/events", json("[{'class_uid':0,'message':'x " + marker
                + "'}]")).statusCode(200).extract().jsonPath().getString("alerts[0]");
        as("analyst").get("/api/v1/security/alerts/" + alert).then().body("ruleId", equalTo(id))
                .body("ruleVersion", equalTo(1));

        String changed = rule.replace("\"level\":4", "\"level\":6");
        as("analyst").body(changed).put(RULES + "/" + id).then().statusCode(428);
        as("analyst").header("If-Match", "\"7\"").body(changed).put(RULES + "/" + id).then().statusCode(412);
        etag = as("analyst").header("If-Match", etag).body(changed).put(RULES + "/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("definition.level", equalTo(6)).extract().header("ETag");
        as("analyst").get(RULES + "/" + id + "/versions").then().body("version", equalTo(java.util.List.of(2, 1)))
                .body("change", equalTo(java.util.List.of("updated", "created")));
        as("analyst").header("If-Match", etag).delete(RULES + "/" + id).then().statusCode(204);
        as("analyst").get(RULES + "/" + id).then().statusCode(404);
        as("analyst").get(RULES + "/" + id + "/versions").then().body("change[0]", equalTo("deleted"));
        post("analyst", "/api/v1/security/events", json("[{'class_uid':0,'message':'x " + marker + "'}]"))
                .statusCode(200).body("alertsRaised", equalTo(0));
    }

    @Test
    void invalidRulesAre422WithTheirProblems() {
        post("analyst", RULES, json("{'id':'bad1','level':3,'description':'d','match':[{'field':'message',"
                + "'regex':'(oops'}]}")).statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("match[0].regex"));
        post("analyst", RULES, json("{'id':'bad2','level':3,'description':'d','match':[{'field':'no.such.field',"
                + "'equals':1}]}")).statusCode(422).body("errors[0].field", equalTo("match[0].field"));
        post("analyst", RULES, json("{'id':'bad3','level':3,'description':'d','match':[{'field':'message',"
                + "'exists':true}],'ifMatched':{'rule':'nope','within':'PT1M'}}")).statusCode(422)
                .body("errors[0].field", equalTo("ifMatched.rule"));
        post("analyst", RULES, "{not json").statusCode(400);
        post("analyst", RULES + "/validate", json("{'id':'ok','level':3,'description':'d','match':[{'field':"
                + "'message','exists':true}]}")).statusCode(200).body("valid", equalTo(true));
        as("analyst").get(RULES + "/bad1").then().statusCode(404);
    }

    @Test
    void aRuleOthersChainOnCannotBeDeletedAndOnlyAnalystsManageRules() {
        String etag = as("analyst").get(RULES + "/100121").then().statusCode(200).extract().header("ETag");
        as("analyst").header("If-Match", etag).delete(RULES + "/100121").then().statusCode(409)
                .body("detail", containsString("100122"));
        as("engineer").get(RULES).then().statusCode(403);
        post("viewer", RULES, "{}").statusCode(403);
        as("admin").get(RULES + "/100121").then().statusCode(200);
    }
}
