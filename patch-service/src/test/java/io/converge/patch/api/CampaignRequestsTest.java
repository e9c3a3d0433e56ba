package io.converge.patch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.patch.domain.Criticality;
import io.converge.patch.domain.PlanSpec;
import io.converge.patch.registry.AssetClient.Asset;
import io.converge.patch.store.FirmwareRepository.Firmware;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Campaign request checks and the compatible/excluded split, without Quarkus. */
class CampaignRequestsTest {

    private static final String FW = "6f1c3a52-1111-4a0e-9b1e-0123456789ab";

    private static CampaignInput.Plan plan(Integer devices, Double percent, List<Double> waves, Double share) {
        return new CampaignInput.Plan(devices, percent, waves, share, null, null, null);
    }

    private static List<String> fields(Runnable r, DomainException.Kind kind) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(kind, e.kind(), e.getMessage());
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aValidRequestIsNormalizedWithDefaultThresholds() {
        CampaignInput.Filter f = new CampaignInput.Filter(null, null, List.of("plc", "plc"), List.of("X1"), "1.0.0",
                null, List.of("LOW"), Map.of("cell", "A"));
        CampaignRequests.Checked c = CampaignRequests.check(new CampaignInput("  fix  ", FW, f,
                plan(null, 10.0, List.of(30.0, 70.0), 0.34)));
        assertEquals("fix", c.name());
        assertEquals(List.of("plc"), c.query().types());
        assertEquals(List.of("low"), c.query().criticalities());
        assertEquals(List.of("cell:A"), c.query().labels());
        assertEquals(new PlanSpec.Percent(10), c.spec().canary());
        assertEquals(95, c.thresholds().successPercent());
        assertEquals(10, c.thresholds().errorPercent());
        assertNull(c.window());
        assertEquals(Map.of("type", List.of("plc"), "model", List.of("X1"), "firmware", "1.0.0",
                "criticality", List.of("low"), "labels", Map.of("cell", "A")), c.filter());
    }

    @Test
    void everyMalformedFieldIsReportedAtOnce() {
        CampaignInput.Filter f = new CampaignInput.Filter("x", "y", List.of("PLC!"), List.of(""), "v 1", "z",
                List.of("huge"), Map.of("bad key", "v"));
        List<String> fields = fields(() -> CampaignRequests.check(new CampaignInput(null, "nope", f,
                plan(0, null, List.of(120.0), null))), DomainException.Kind.BAD_REQUEST);
        assertTrue(fields.containsAll(List.of("name", "firmwareId", "target.site", "target.line", "target.zone",
                "target.type", "target.model", "target.firmware", "target.criticality", "target.labels",
                "plan.canaryDevices", "plan.maxLineShare")), fields.toString());
        assertEquals(List.of("plan.wavePercents"), fields(() -> CampaignRequests.check(new CampaignInput("n", FW,
                f(), plan(1, null, List.of(60.0, 60.0), 1.0))), DomainException.Kind.BAD_REQUEST));
        assertEquals(List.of("plan.successThreshold"), fields(() -> CampaignRequests.check(new CampaignInput("n",
                FW, f(), new CampaignInput.Plan(1, null, List.of(100.0), 1.0, 0.0, 5.0, null))),
                DomainException.Kind.BAD_REQUEST));
        assertEquals(List.of("plan.window"), fields(() -> CampaignRequests.check(new CampaignInput("n", FW, f(),
                new CampaignInput.Plan(1, null, List.of(100.0), 1.0, null, null,
                        new CampaignInput.Window("0 22 * * *", null, "UTC")))), DomainException.Kind.BAD_REQUEST));
    }

    @Test
    void anInvalidWindowIs422AndAValidOneIsKept() {
        assertEquals(List.of("plan.window.cron", "plan.window.duration", "plan.window.zone"),
                fields(() -> CampaignRequests.check(window("61 * * * *", "PT0S", "Nowhere/Land")),
                        DomainException.Kind.UNPROCESSABLE));
        assertEquals(List.of("plan.window.duration"), fields(() -> CampaignRequests.check(window("0 22 * * *",
                "four hours", "UTC")), DomainException.Kind.UNPROCESSABLE));
        CampaignRequests.Checked c = CampaignRequests.check(window("0 22 * * 1-5", "PT6H", "Europe/Paris"));
        assertEquals(Duration.ofHours(6), c.window().duration());
        assertEquals(Map.of("cron", "0 22 * * 1-5", "duration", "PT6H", "zone", "Europe/Paris"),
                c.plan().get("window"));
    }

    @Test
    void splitExcludesIncompatibleModelsAndDevicesAlreadyUpToDate() {
        Firmware fw = new Firmware(UUID.randomUUID(), "acme", "2.0.0", List.of("X1", "X2"), null, "0".repeat(64), 1,
                "sig", UUID.randomUUID(), "released", "f.bin", 2, "engineer", Instant.now(), null, null, null, null,
                null);
        List<Asset> assets = List.of(asset("A", "x1", "1.0.0", "low"), asset("B", "Y9", "1.0.0", "low"),
                asset("C", "X2", "2.0.0", "high"), asset("D", null, "1.0.0", "low"), asset("E", "X2", null, null));
        CampaignCreation.Resolution r = CampaignCreation.split(assets, List.of(), fw);
        assertEquals(List.of("A", "E"), r.targets().stream().map(t -> t.tag()).toList());
        assertEquals(Criticality.MEDIUM, r.targets().get(1).criticality());
        assertEquals(List.of("B", "C", "D"), r.excluded().stream().map(x -> x.tag()).toList());
        assertTrue(r.excluded().get(0).reason().startsWith("incompatible model"));
        assertEquals("already runs 2.0.0", r.excluded().get(1).reason());
        // a model filter keeps only its models; nothing matched or nothing compatible → 422
        assertEquals(List.of("A"), CampaignCreation.split(assets, List.of("X1"), fw).targets().stream()
                .map(t -> t.tag()).toList());
        assertEquals(List.of("target"), fields(() -> CampaignCreation.split(assets, List.of("Z0"), fw),
                DomainException.Kind.UNPROCESSABLE));
        assertEquals(List.of("target"), fields(() -> CampaignCreation.split(assets, List.of("Y9"), fw),
                DomainException.Kind.UNPROCESSABLE));
    }

    private static CampaignInput.Filter f() {
        return new CampaignInput.Filter(null, null, null, null, null, null, null, null);
    }

    private static CampaignInput window(String cron, String duration, String zone) {
        return new CampaignInput("n", FW, f(), new CampaignInput.Plan(1, null, List.of(100.0), 1.0, null, null,
                new CampaignInput.Window(cron, duration, zone)));
    }

    private static Asset asset(String tag, String model, String firmware, String crit) {
        return new Asset(UUID.nameUUIDFromBytes(tag.getBytes()), tag, "plc", model, UUID.randomUUID(), null, null,
                crit, firmware, "active", Map.of());
    }
}
