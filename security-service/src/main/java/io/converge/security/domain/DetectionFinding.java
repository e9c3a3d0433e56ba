package io.converge.security.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as an OCSF 1.3 Detection Finding (class 2004): finding_info (uid = alert id, title, analytic = the rule,
 * attacks = the ATT&CK for ICS techniques with their tactics, first/last seen, related event ids), the device, the
 * score as risk_score, count, status from the alert state, severity from the alert severity.
 */
public final class DetectionFinding {

    /** What the export needs of an alert. */
    public record Alert(UUID id, String ruleId, int ruleVersion, String title, int level, int score, String severity,
            List<String> techniques, UUID assetId, String assetTag, String state, long count, Instant firstSeen,
            Instant lastSeen, List<UUID> events) {
    }

    private DetectionFinding() {
    }

    public static ObjectNode of(Alert a) {
        int activity = "new".equals(a.state()) ? 1 : 2;
        OcsfDocument d = OcsfDocument.start(OcsfClass.DETECTION_FINDING, a.id(), a.lastSeen(), activity,
                activity == 1 ? "Create" : "Update", SeverityScore.ocsfSeverityId(a.severity()), "security-service");
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode attacks = f.arrayNode();
        for (String id : a.techniques()) {
            AttackIcs.technique(id).ifPresent(t -> {
                ObjectNode at = attacks.addObject();
                at.put("version", "ICS");
                at.putObject("technique").put("uid", t.id()).put("name", t.name());
                ArrayNode tactics = at.putArray("tactics");
                t.tactics().forEach(x -> tactics.addObject().put("name", x));
            });
        }
        ArrayNode related = f.arrayNode();
        a.events().forEach(e -> related.addObject().put("uid", e.toString()));
        d.set("finding_info.uid", a.id().toString()).set("finding_info.title", a.title())
                .set("finding_info.analytic.uid", a.ruleId()).set("finding_info.analytic.name", a.title())
                .set("finding_info.analytic.type", "Rule").set("finding_info.analytic.type_id", 1)
                .set("finding_info.analytic.version", String.valueOf(a.ruleVersion()))
                .set("finding_info.attacks", attacks).set("finding_info.related_events", related)
                .set("finding_info.first_seen_time", a.firstSeen().toEpochMilli())
                .set("finding_info.last_seen_time", a.lastSeen().toEpochMilli())
                .set("count", a.count()).set("risk_score", a.score()).set("risk_level", a.severity())
                .set("status", status(a.state())).set("status_id", statusId(a.state()))
                .set("unmapped.rule_level", a.level()).set("unmapped.alert_state", a.state());
        if (a.assetId() != null) {
            d.set("device.uid", a.assetId().toString()).set("device.name", a.assetTag());
        }
        return d.node();
    }

    /** OCSF finding status: New 1, In Progress 2, Suppressed 3, Resolved 4. */
    static int statusId(String state) {
        return switch (state) {
            case "new" -> 1;
            case "acknowledged", "in-progress" -> 2;
            case "false-positive" -> 3;
            default -> 4;
        };
    }

    static String status(String state) {
        return switch (statusId(state)) {
            case 1 -> "New";
            case 2 -> "In Progress";
            case 3 -> "Suppressed";
            default -> "Resolved";
        };
    }
}
