package io.converge.security.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The short event forms for sources that do not write OCSF, and their OCSF mapping:
 * <ul>
 * <li>{@code badge-granted}, {@code badge-denied} (badgeId, person, door, site) → 3002 Authentication, logon,
 * {@code auth_protocol = "badge"}, success/failure, the door as {@code dst_endpoint.name};</li>
 * <li>{@code door-forced}, {@code door-held-open} (door, site) → 2004 Detection Finding of the door controller;</li>
 * <li>{@code logon-success}, {@code logon-failure} (user, srcIp, dstIp | host, remote, protocol) → 3002
 * Authentication;</li>
 * <li>{@code connection} (srcIp, srcPort, dstIp, dstPort, protocol, action allowed | denied) → 4001 Network
 * Activity.</li>
 * </ul>
 * Common optional fields: {@code id} (UUID), {@code time}, {@code assetTag} (the device reporting or concerned),
 * {@code message}. Any other field is kept under {@code unmapped}.
 */
final class EventKinds {

    static final List<String> NAMES = List.of("badge-granted", "badge-denied", "door-forced", "door-held-open",
            "logon-success", "logon-failure", "connection");
    private static final Set<String> COMMON = Set.of("kind", "id", "time", "assetTag", "message", "site");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "badge", Set.of("badgeId", "person", "door", "reader"),
            "door", Set.of("door"),
            "logon", Set.of("user", "srcIp", "dstIp", "host", "remote", "protocol"),
            "connection", Set.of("srcIp", "srcPort", "dstIp", "dstPort", "protocol", "action"));

    private final JsonEvents json;

    EventKinds(JsonEvents json) {
        this.json = json;
    }

    SecurityEvent normalize(ObjectNode in, String product) throws NormalizationException {
        String kind = in.get("kind").asText();
        if (!NAMES.contains(kind)) {
            throw new NormalizationException("unknown event kind '" + JsonEvents.abbreviate(kind) + "'; known: "
                    + NAMES);
        }
        UUID id = JsonEvents.idOf(in.get("id"));
        Instant time = json.time(in.get("time"));
        String family = kind.startsWith("badge") ? "badge" : kind.startsWith("door") ? "door"
                : kind.startsWith("logon") ? "logon" : "connection";
        OcsfDocument doc = switch (family) {
            case "badge" -> badge(in, kind.equals("badge-granted"), id, time, product);
            case "door" -> door(in, kind.equals("door-forced"), id, time, product);
            case "logon" -> logon(in, kind.equals("logon-success"), id, time, product);
            default -> connection(in, id, time, product);
        };
        doc.set("message", text(in, "message", false));
        doc.set("device.name", text(in, "assetTag", false));
        doc.set("unmapped.site", text(in, "site", false));
        doc.set("unmapped.kind", kind);
        Iterator<Map.Entry<String, JsonNode>> it = in.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!COMMON.contains(e.getKey()) && !FIELDS.get(family).contains(e.getKey())) {
                doc.set("unmapped." + e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                        : e.getValue().deepCopy());
            }
        }
        return doc.toEvent();
    }

    private static OcsfDocument badge(ObjectNode in, boolean granted, UUID id, Instant time, String product)
            throws NormalizationException {
        String badge = text(in, "badgeId", false);
        String person = text(in, "person", false);
        if (badge == null && person == null) {
            throw new NormalizationException("a badge event needs badgeId or person");
        }
        OcsfDocument d = OcsfDocument.start(OcsfClass.AUTHENTICATION, id, time, 1, "Logon", granted ? 1 : 3, product);
        d.set("status_id", granted ? 1 : 2).set("status", granted ? "Success" : "Failure")
                .set("auth_protocol", "badge").set("is_remote", false)
                .set("actor.user.name", person).set("actor.user.uid", badge).set("user.name", person)
                .set("dst_endpoint.name", text(in, "door", true))
                .set("dst_endpoint.type", "door").set("src_endpoint.name", text(in, "reader", false))
                .set("metadata.product.feature.name", "physical-access");
        return d;
    }

    private static OcsfDocument door(ObjectNode in, boolean forced, UUID id, Instant time, String product)
            throws NormalizationException {
        String door = text(in, "door", true);
        OcsfDocument d = OcsfDocument.start(OcsfClass.DETECTION_FINDING, id, time, 1, "Create", forced ? 4 : 3,
                product);
        d.set("finding_info.title", forced ? "Door forced open" : "Door held open")
                .set("finding_info.uid", id.toString())
                .set("finding_info.types", json(List.of(forced ? "door-forced" : "door-held-open")))
                .set("dst_endpoint.name", door).set("dst_endpoint.type", "door")
                .set("metadata.product.feature.name", "physical-access");
        return d;
    }

    private static OcsfDocument logon(ObjectNode in, boolean success, UUID id, Instant time, String product)
            throws NormalizationException {
        String user = text(in, "user", true);
        String dstIp = ip(in, "dstIp");
        String host = text(in, "host", false);
        if (dstIp == null && host == null && text(in, "assetTag", false) == null) {
            throw new NormalizationException("a logon event needs dstIp, host or assetTag (where the logon went)");
        }
        JsonNode remote = in.get("remote");
        if (remote != null && !remote.isBoolean()) {
            throw new NormalizationException("remote must be true or false");
        }
        OcsfDocument d = OcsfDocument.start(OcsfClass.AUTHENTICATION, id, time, 1, "Logon", success ? 1 : 3, product);
        d.set("status_id", success ? 1 : 2).set("status", success ? "Success" : "Failure")
                .set("actor.user.name", user).set("user.name", user)
                .set("src_endpoint.ip", ip(in, "srcIp")).set("dst_endpoint.ip", dstIp)
                .set("dst_endpoint.hostname", host)
                .set("is_remote", remote == null ? Boolean.valueOf(in.has("srcIp")) : remote.booleanValue())
                .set("auth_protocol", text(in, "protocol", false))
                .set("service.name", text(in, "protocol", false));
        return d;
    }

    private static OcsfDocument connection(ObjectNode in, UUID id, Instant time, String product)
            throws NormalizationException {
        String action = text(in, "action", false);
        if (action != null && !action.equals("allowed") && !action.equals("denied")) {
            throw new NormalizationException("action must be allowed or denied, not '"
                    + JsonEvents.abbreviate(action) + "'");
        }
        boolean denied = "denied".equals(action);
        OcsfDocument d = OcsfDocument.start(OcsfClass.NETWORK_ACTIVITY, id, time, denied ? 5 : 1,
                denied ? "Refuse" : "Open", 1, product);
        d.set("src_endpoint.ip", required(ip(in, "srcIp"), "srcIp")).set("dst_endpoint.ip",
                required(ip(in, "dstIp"), "dstIp"))
                .set("src_endpoint.port", port(in, "srcPort")).set("dst_endpoint.port", port(in, "dstPort"))
                .set("connection_info.protocol_name", text(in, "protocol", false))
                .set("disposition", denied ? "Blocked" : "Allowed").set("disposition_id", denied ? 2 : 1);
        return d;
    }

    private static String required(String v, String field) throws NormalizationException {
        if (v == null) {
            throw new NormalizationException("a connection event needs " + field);
        }
        return v;
    }

    static String text(ObjectNode in, String field, boolean required) throws NormalizationException {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new NormalizationException(in.get("kind").asText() + " needs " + field);
            }
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new NormalizationException(field + " must be a non-empty string");
        }
        if (v.textValue().length() > 512) {
            throw new NormalizationException(field + " is longer than 512 characters");
        }
        return v.textValue();
    }

    static String ip(ObjectNode in, String field) throws NormalizationException {
        String v = text(in, field, false);
        if (v != null && !Cidr.isAddress(v)) {
            throw new NormalizationException(field + " must be an IPv4 or IPv6 address, not '"
                    + JsonEvents.abbreviate(v) + "'");
        }
        return v;
    }

    private static Integer port(ObjectNode in, String field) throws NormalizationException {
        return in.has(field) ? JsonEvents.intIn(in, field, 0, 65535, 0) : null;
    }

    private static JsonNode json(List<String> values) {
        com.fasterxml.jackson.databind.node.ArrayNode a =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
