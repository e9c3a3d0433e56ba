package io.converge.security.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.events.AssetEventData;
import io.converge.events.CloudEvent;
import io.converge.events.SecurityFindingData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizationTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final JsonEvents events = new JsonEvents(Clock.fixed(NOW, ZoneOffset.UTC));

    private SecurityEvent norm(String json) throws NormalizationException {
        return events.normalize(RuleParserTest.json(json), "api");
    }

    @Test
    void anOcsfDocumentKeepsItsAttributesAndGetsTheCommonOnes() throws Exception {
        SecurityEvent e = norm("{'class_uid':4001,'activity_id':6,'time':1764590400000,'severity_id':2,"
                + "'src_endpoint':{'ip':'10.0.0.1','port':4444},'dst_endpoint':{'ip':'10.9.9.9','port':502},"
                + "'metadata':{'product':{'name':'fw-1'},'log_name':'fw'},'class_name':'forged'}");
        assertEquals(OcsfClass.NETWORK_ACTIVITY, e.ocsfClass());
        assertEquals("Network Activity", e.field("class_name"));
        assertEquals(4L, e.field("category_uid"));
        assertEquals(400106L, e.field("type_uid"));
        assertEquals("Low", e.field("severity"));
        assertEquals(502L, e.field("dst_endpoint.port"));
        assertEquals("fw-1", e.field("metadata.product.name"));
        assertEquals("fw", e.field("metadata.log_name"));
        assertEquals(Instant.ofEpochMilli(1764590400000L), e.time());
        assertEquals(e.id().toString(), e.field("metadata.uid"));
    }

    @Test
    void physicalSecurityEventsMapToAuthenticationAndFindings() throws Exception {
        SecurityEvent b = norm("{'kind':'badge-denied','badgeId':'B1','person':'alice','door':'D-1','site':'p1',"
                + "'time':'2026-12-01T11:00:00Z','reader':'R-1','extra':7}");
        assertEquals(3002L, b.field("class_uid"));
        assertEquals("Failure", b.field("status"));
        assertEquals("badge", b.field("auth_protocol"));
        assertEquals("alice", b.field("actor.user.name"));
        assertEquals("D-1", b.field("dst_endpoint.name"));
        assertEquals("7", b.field("unmapped.extra"));
        SecurityEvent d = norm("{'kind':'door-forced','door':'D-2'}");
        assertEquals(2004L, d.field("class_uid"));
        assertEquals(List.of("door-forced"), d.field("finding_info.types"));
        assertEquals(NOW, d.time());
        SecurityEvent c = norm("{'kind':'connection','srcIp':'10.0.0.1','dstIp':'10.0.0.2','dstPort':22,"
                + "'action':'denied'}");
        assertEquals("Blocked", c.field("disposition"));
        SecurityEvent l = norm("{'kind':'logon-success','user':'bob','srcIp':'10.0.0.1','dstIp':'10.0.0.2'}");
        assertEquals(true, l.field("is_remote"));
    }

    @Test
    void unknownClassesAreMarkedAsSuch() {
        NormalizationException e = assertThrows(NormalizationException.class, () -> norm("{'class_uid':9999}"));
        assertTrue(e.unknownClass());
        assertFalse(assertThrows(NormalizationException.class, () -> norm("{'kind':'teleport'}")).unknownClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}", "{'class_uid':'4001'}", "{'class_uid':4001.5}", "{'class_uid':4001,'time':'yesterday'}",
        "{'class_uid':4001,'time':'2027-06-01T00:00:00Z'}", "{'class_uid':4001,'time':-5}",
        "{'class_uid':4001,'severity_id':7}", "{'class_uid':4001,'activity_id':'x'}",
        "{'class_uid':4001,'metadata':{'uid':'nope'}}", "{'kind':'badge-denied','door':'D'}",
        "{'kind':'connection','srcIp':'10.0.0.300','dstIp':'10.0.0.1'}", "{'kind':'logon-failure','user':'u'}",
        "{'kind':'connection','srcIp':'10.0.0.1','dstIp':'10.0.0.2','dstPort':70000}",
        "{'kind':'logon-success','user':'u','host':'h','remote':'yes'}", "{'kind':'door-forced','door':''}"})
    void malformedEventsAreRefusedWithAReason(String json) {
        NormalizationException e = assertThrows(NormalizationException.class, () -> norm(json));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void findingsAndFirmwareChangesFromOtherServices() throws Exception {
        UUID asset = UUID.randomUUID();
        SecurityEvent f = ServiceEvents.finding(CloudEvent.of("/converge/telemetry-service", "x", asset.toString(),
                new SecurityFindingData("unknown-device", "high", "telemetry-service", NOW, NOW, 4, null, "X-9",
                        "mqtt", "10.1.2.3:50000", "unknown device X-9", Map.of("topic", "t/X-9"))));
        assertEquals(2004L, f.field("class_uid"));
        assertEquals(List.of("unknown-device"), f.field("finding_info.types"));
        assertEquals("10.1.2.3", f.field("src_endpoint.ip"));
        assertEquals(4L, f.field("count"));
        assertEquals("t/X-9", f.field("unmapped.finding.attributes.topic"));
        SecurityEvent fw = ServiceEvents.firmwareChanged(CloudEvent.of("/converge/asset-service", "x",
                asset.toString(), new AssetEventData(asset, "PLC-1", "n", "OT", "plc", "v", "m", "10.0.0.5", null,
                        null, null, null, "high", "2.0", "active", Map.of(), 3, NOW, "engineer", null, "1.0")));
        assertEquals(5019L, fw.field("class_uid"));
        assertEquals("2.0", fw.field("unmapped.firmware.current"));
        assertEquals("1.0", fw.field("unmapped.firmware.previous"));
    }

    @Test
    void theEnricherAddsRegistryZoneConduitWindowAndCampaignContext() throws Exception {
        UUID site = UUID.randomUUID();
        ZoneView it = new ZoneView(UUID.randomUUID(), "it", 1);
        ZoneView cell = new ZoneView(UUID.randomUUID(), "cell", 3);
        AssetView ews = new AssetView(UUID.randomUUID(), "EWS-1", "ews", "IT", "engineering-workstation", "medium",
                "active", "10.1.0.5", site, null, it.id(), null, 1);
        AssetView plc = new AssetView(UUID.randomUUID(), "PLC-1", "plc", "OT", "plc", "critical", "active",
                "10.3.0.5", site, null, cell.id(), "2.0", 1);
        SecurityContext ctx = new SecurityContext() {
            public Optional<AssetView> assetById(UUID id) {
                return List.of(ews, plc).stream().filter(a -> a.id().equals(id)).findFirst();
            }
            public Optional<AssetView> assetByTag(String tag) {
                return List.of(ews, plc).stream().filter(a -> a.tag().equals(tag)).findFirst();
            }
            public Optional<AssetView> assetByIp(String ip) {
                return List.of(ews, plc).stream().filter(a -> a.ipAddress().equals(ip)).findFirst();
            }
            public Optional<ZoneView> zone(UUID id) {
                return List.of(it, cell).stream().filter(z -> z.id().equals(id)).findFirst();
            }
            public boolean conduitDeclared(UUID a, UUID b) {
                return false;
            }
            public Optional<Boolean> inMaintenanceWindow(UUID s, Instant at) {
                return Optional.of(at.isAfter(NOW.minusSeconds(60)));
            }
            public boolean campaignCovers(UUID assetId, String version, Instant at) {
                return assetId.equals(plc.id()) && version.equals("2.0");
            }
        };
        Enricher enricher = new Enricher(ctx);
        SecurityEvent c = enricher.enrich(norm("{'kind':'connection','srcIp':'10.1.0.5','dstIp':'10.3.0.5',"
                + "'dstPort':502,'time':'2026-12-01T10:00:00Z'}"));
        assertEquals("OT", c.field("dst_asset.domain"));
        assertEquals("IT", c.field("src_asset.domain"));
        assertEquals(3L, c.field("dst_asset.zone.sl_t"));
        assertEquals(false, c.field("conduit.declared"));
        assertEquals("critical", c.field("asset.criticality"));
        assertEquals(false, c.field("site.in_maintenance_window"));
        assertEquals(Map.of(), Map.of());
        assertTrue(c.context().containsKey("asset.id"));
        assertFalse(c.context().containsKey("class_uid"));
        SecurityEvent outside = enricher.enrich(norm("{'kind':'connection','srcIp':'203.0.113.1','dstIp':'10.3.0.5'}"));
        assertEquals(false, outside.field("conduit.declared"));
        assertNull(outside.field("src_asset.id"));
        SecurityEvent same = enricher.enrich(norm("{'kind':'connection','srcIp':'10.3.0.5','dstIp':'10.3.0.5'}"));
        assertEquals(true, same.field("conduit.declared"));
        SecurityEvent fw = enricher.enrich(norm("{'class_uid':5019,'device':{'name':'PLC-1'},"
                + "'unmapped':{'firmware':{'current':'2.0'}}}"));
        assertEquals(true, fw.field("campaign.covering"));
    }
}
