package io.converge.security.api;

import static io.converge.security.api.Api.as;
import static io.converge.security.api.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.converge.events.AssetEventData;
import io.converge.events.AssetEventTypes;
import io.converge.events.CampaignEventData;
import io.converge.events.CloudEvent;
import io.converge.events.DeploymentEventData;
import io.converge.events.PatchEventTypes;
import io.converge.events.SecurityEventTypes;
import io.converge.events.SecurityFindingData;
import io.converge.events.Topics;
import io.converge.security.DownstreamStub;
import io.converge.testing.Await;
import io.converge.testing.KafkaTopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cross-domain rules with their context from Kafka: assets from converge.asset.events (the local registry view),
 * campaigns and deployments from converge.patch.events, findings from converge.security.events; zones, conduits and
 * windows from the stubbed asset-service and patch-service.
 */
@QuarkusTest
class ContextRulesTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final UUID HMI = UUID.randomUUID();
    static final UUID PLC = UUID.randomUUID();
    static final UUID EWS = UUID.randomUUID();
    static final String HMI_IP = "10.77." + (int) (Math.random() * 250) + ".10";
    static final String PLC_IP = "10.78." + (int) (Math.random() * 250) + ".20";
    static final String EWS_IP = "10.79." + (int) (Math.random() * 250) + ".30";
    static KafkaTopicWriter kafka;

    static AssetEventData asset(UUID id, String tag, String domain, String type, String crit, String ip, UUID zone,
            String firmware, String previous, long version) {
        return new AssetEventData(id, tag, tag, domain, type, "acme", "m1", ip, null, DownstreamStub.SITE_CLOSED,
                null, zone, crit, firmware, "active", Map.of(), version, Instant.now(), "engineer", null, previous);
    }

    static void send(String topic, String type, String subject, Object data) throws Exception {
        kafka.send(topic, subject, JSON.writeValueAsString(CloudEvent.of("/test", type, subject, data)));
    }

    private static boolean registered;

    @BeforeEach
    void registry() throws Exception {
        if (registered) {
            return;
        }
        registered = true;
        kafka = new KafkaTopicWriter();
        send(Topics.ASSET_EVENTS, AssetEventTypes.CREATED, HMI.toString(), asset(HMI, "HMI-" + RUN, "OT", "hmi",
                "high", HMI_IP, DownstreamStub.CELL_ZONE, "1.0", null, 1));
        send(Topics.ASSET_EVENTS, AssetEventTypes.CREATED, PLC.toString(), asset(PLC, "PLC-" + RUN, "OT", "plc",
                "critical", PLC_IP, DownstreamStub.CELL_ZONE, "1.0", null, 1));
        send(Topics.ASSET_EVENTS, AssetEventTypes.CREATED, EWS.toString(), asset(EWS, "EWS-" + RUN, "IT",
                "workstation", "medium", EWS_IP, DownstreamStub.IT_ZONE, null, null, 1));
        // the view is kept from the topic: wait until an event about the PLC is enriched with it
        Await.until("asset view holds the test assets", Duration.ofSeconds(60), () -> {
            String id = UUID.randomUUID().toString();
            Api.post("analyst", "/api/v1/security/events", json("[{'class_uid':0,'metadata':{'uid':'" + id + "'},"
                    + "'device':{'name':'EWS-" + RUN + "'}}]")).statusCode(200);
            Object ctx = as("analyst").get("/api/v1/security/events/" + id).then().extract().path("context");
            // the zones (from asset-service) are there too: the workstation's zone has SL-T 1
            return ctx instanceof Map<?, ?> m && EWS.toString().equals(m.get("asset.id"))
                    && "1".equals(String.valueOf(m.get("asset.zone.sl_t")));
        });
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static List<String> rulesOf(List<String> alertIds) {
        return alertIds.stream().map(id -> (String) as("analyst").get("/api/v1/security/alerts/" + id).then()
                .extract().path("ruleId")).toList();
    }

    private static List<String> post(String body) {
        return Api.post("analyst", "/api/v1/security/events", body).statusCode(200).extract().jsonPath()
                .getList("alerts");
    }

    @Test
    void badgeDenialsFollowedByALogonOnAnHmiWeightedByCriticalityAndZone() {
        String person = "p-" + RUN;
        post("[" + String.join(",", java.util.Collections.nCopies(3, json("{'kind':'badge-denied','person':'"
                + person + "','door':'D-1','site':'plant'}"))) + "]");
        List<String> alerts = post(json("[{'kind':'logon-success','user':'" + person + "','dstIp':'" + HMI_IP
                + "','remote':false}]"));
        String id = alerts.stream().filter(a -> "100122".equals(rulesOf(List.of(a)).get(0))).findFirst()
                .orElseThrow(() -> new AssertionError("no badge-then-logon alert in " + rulesOf(alerts)));
        // level 13 × high (1.0) × SL-T 3 (1.1) = 95
        as("analyst").get("/api/v1/security/alerts/" + id).then().body("assetId", equalTo(HMI.toString()))
                .body("score", equalTo(95)).body("severity", equalTo("critical"))
                .body("techniques.id", hasItem("T0859"));
        // another person's logon does not chain
        assertFalse(rulesOf(post(json("[{'kind':'logon-success','user':'someone-else','dstIp':'" + HMI_IP
                + "'}]"))).contains("100122"));
    }

    @Test
    void remoteLogonOutsideTheWindowAndAConnectionIntoSlT3WithoutConduit() {
        List<String> rules = rulesOf(post(json("[{'kind':'logon-success','user':'vendor-" + RUN + "','srcIp':"
                + "'203.0.113.7','dstIp':'" + PLC_IP + "','remote':true}]")));
        assertTrue(rules.contains("100110"), rules.toString());
        assertTrue(DownstreamStub.WINDOW_CALLS.contains(DownstreamStub.SITE_CLOSED.toString()));
        List<String> conn = rulesOf(post(json("[{'kind':'connection','srcIp':'" + EWS_IP + "','dstIp':'" + PLC_IP
                + "','dstPort':502,'action':'allowed'}]")));
        assertTrue(conn.contains("100150") && conn.contains("100153"), conn.toString());
        // inside the cell zone there is no conduit to cross
        assertFalse(rulesOf(post(json("[{'kind':'connection','srcIp':'" + HMI_IP + "','dstIp':'" + PLC_IP
                + "','dstPort':502}]"))).contains("100150"));
    }

    @Test
    void aFirmwareChangeIsAnAlertUnlessARunningCampaignDeployedIt() throws Exception {
        UUID campaign = UUID.randomUUID();
        send(Topics.PATCH_EVENTS, PatchEventTypes.CAMPAIGN_STATE_CHANGED, campaign.toString(),
                new CampaignEventData(campaign, "c", UUID.randomUUID(), "running", "scheduled", "start", "engineer",
                        Instant.now(), 1, null));
        send(Topics.PATCH_EVENTS, PatchEventTypes.DEPLOYMENT_SUCCEEDED, HMI.toString(), new DeploymentEventData(
                campaign, UUID.randomUUID(), HMI, "HMI-" + RUN, UUID.randomUUID(), "1.0", "2.0", "succeeded", false,
                null, Instant.now()));
        // a deployment by a campaign whose state was never seen covers nothing, and must not break the evaluation
        // of the change (it once threw, and the firmware change went to the DLQ unjudged)
        send(Topics.PATCH_EVENTS, PatchEventTypes.DEPLOYMENT_SUCCEEDED, PLC.toString(), new DeploymentEventData(
                UUID.randomUUID(), UUID.randomUUID(), PLC, "PLC-" + RUN, UUID.randomUUID(), "1.0", "6.6.6",
                "succeeded", false, null, Instant.now()));
        Thread.sleep(1500); // patch events are applied in order on their own consumer; give it a moment
        send(Topics.ASSET_EVENTS, AssetEventTypes.FIRMWARE_CHANGED, HMI.toString(), asset(HMI, "HMI-" + RUN, "OT",
                "hmi", "high", HMI_IP, DownstreamStub.CELL_ZONE, "2.0", "1.0", 2));
        send(Topics.ASSET_EVENTS, AssetEventTypes.FIRMWARE_CHANGED, PLC.toString(), asset(PLC, "PLC-" + RUN, "OT",
                "plc", "critical", PLC_IP, DownstreamStub.CELL_ZONE, "6.6.6", "1.0", 2));
        Await.until("alert for the unexplained firmware change", Duration.ofSeconds(60), () -> !as("analyst")
                .get("/api/v1/security/alerts?ruleId=100130&assetId=" + PLC).then().extract().jsonPath()
                .getList("items").isEmpty());
        as("analyst").get("/api/v1/security/alerts?ruleId=100130&assetId=" + PLC).then()
                .body("items[0].techniques.id", hasItem("T0839")).body("items[0].score", equalTo(100))
                .body("items[0].suggestions.action", hasItem("quarantine-asset"));
        // the campaign's change of the HMI was stored (5019) without that alert
        Await.until("the HMI's firmware change stored", Duration.ofSeconds(30), () -> as("analyst")
                .get("/api/v1/security/events?classUid=5019&assetId=" + HMI).then().extract().jsonPath()
                .getList("items").size() == 1);
        assertEquals(true, as("analyst").get("/api/v1/security/events?classUid=5019&assetId=" + HMI).then()
                .extract().path("items[0].context.'campaign.covering'"));
        assertTrue(as("analyst").get("/api/v1/security/alerts?ruleId=100130&assetId=" + HMI).then().extract()
                .jsonPath().getList("items").isEmpty());
    }

    @Test
    void findingsFromOtherServicesAndUnreadableRecordsOnKafka() throws Exception {
        String tag = "ROGUE-" + RUN;
        send(Topics.SECURITY_EVENTS, SecurityEventTypes.FINDING, tag, new SecurityFindingData(
                SecurityEventTypes.UNKNOWN_DEVICE, "medium", "telemetry-service", Instant.now(), Instant.now(), 3,
                null, tag, "mqtt", "10.66.0.9:40000", "telemetry from unknown device " + tag, Map.of()));
        String garbage = "{not json " + RUN;
        Map<Integer, Long> dlqEnd = ends(Topics.SECURITY_EVENTS + ".dlq");
        kafka.send(Topics.SECURITY_EVENTS, "x", garbage);
        Await.until("finding alert", Duration.ofSeconds(60), () -> as("analyst")
                .get("/api/v1/security/alerts?ruleId=100140&limit=500").then().extract().jsonPath()
                .getList("items.title").size() > 0);
        // a record that normalizes fine is stored with its raw form too (the CloudEvent as it came off the topic)
        Await.until("finding stored with its raw record", Duration.ofSeconds(60), () -> as("analyst")
                .get("/api/v1/security/events?failed=false&intake=kafka&limit=500").then().extract().jsonPath()
                .<String>getList("items.raw").stream().anyMatch(r -> r != null && r.contains(tag)
                        && r.contains(SecurityEventTypes.FINDING)));
        Await.until("garbage kept raw", Duration.ofSeconds(60), () -> as("analyst")
                .get("/api/v1/security/events?failed=true&intake=kafka&limit=500").then().extract().jsonPath()
                .getList("items.raw").contains(garbage));
        // and dead-lettered once, with the reason, for the operator (the consumer went on: the finding was handled)
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (var c = dlqConsumer()) {
            var parts = dlqEnd.keySet().stream()
                    .map(p -> new TopicPartition(Topics.SECURITY_EVENTS + ".dlq", p)).toList();
            c.assign(parts);
            parts.forEach(tp -> c.seek(tp, dlqEnd.get(tp.partition())));
            Await.until("garbage dead-lettered", Duration.ofSeconds(60), () -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (garbage.equals(r.value())) {
                        dead.add(r);
                    }
                });
                return !dead.isEmpty();
            });
            c.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (garbage.equals(r.value())) {
                    dead.add(r);
                }
            });
        }
        assertEquals(1, dead.size(), "dead-lettered copies of the unreadable record");
        var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "dead-letter-reason header");
        assertTrue(new String(reason.value()).startsWith("not a CloudEvent"),
                new String(reason.value()));
    }

    private static KafkaConsumer<String, String> dlqConsumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", "localhost:9092");
        p.put("group.id", "context-rules-dlq-" + RUN);
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static Map<Integer, Long> ends(String topic) {
        try (var c = dlqConsumer()) {
            var parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<Integer, Long> out = new HashMap<>();
            c.endOffsets(parts).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }
}
