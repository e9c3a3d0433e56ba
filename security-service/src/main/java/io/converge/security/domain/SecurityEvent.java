package io.converge.security.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A normalized security event: its OCSF document and the same document flattened to dotted paths
 * ({@code actor.user.name}, {@code dst_endpoint.ip}) that rules match on, plus the context fields the enricher adds
 * ({@code asset.criticality}, {@code conduit.declared} …, see {@link RuleFields}).
 *
 * <p>Flattened values are {@link String}, {@link Long}, {@link Double}, {@link Boolean} or a {@link List} of those
 * (an array of scalars); arrays of objects are not flattened.
 *
 * @param id      the event id (OCSF {@code metadata.uid}); events are stored and evaluated once per id
 * @param time    when it happened (OCSF {@code time})
 * @param ocsf    the OCSF document as stored and exported
 * @param fields  the flattened OCSF fields and the context fields
 */
public record SecurityEvent(UUID id, Instant time, OcsfClass ocsfClass, ObjectNode ocsf, Map<String, Object> fields) {

    public SecurityEvent {
        fields = Map.copyOf(fields);
    }

    /** An event whose fields are its OCSF document, flattened. */
    public static SecurityEvent of(UUID id, Instant time, OcsfClass ocsfClass, ObjectNode ocsf) {
        Map<String, Object> flat = new HashMap<>();
        flatten("", ocsf, flat);
        return new SecurityEvent(id, time, ocsfClass, ocsf, flat);
    }

    /** A field's value, or null. */
    public Object field(String path) {
        return fields.get(path);
    }

    /** A field's value as text (numbers and booleans as they print), or null. */
    public String text(String path) {
        Object v = fields.get(path);
        return v == null || v instanceof List<?> ? null : v.toString();
    }

    /** This event with further (context) fields; a null value removes the field. */
    public SecurityEvent withFields(Map<String, ?> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new HashMap<>(fields);
        extra.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return new SecurityEvent(id, time, ocsfClass, ocsf, merged);
    }

    /** The context fields (those not in the OCSF document): stored next to it. */
    public Map<String, Object> context() {
        Map<String, Object> flat = new HashMap<>();
        flatten("", ocsf, flat);
        Map<String, Object> ctx = new HashMap<>();
        fields.forEach((k, v) -> {
            if (!flat.containsKey(k)) {
                ctx.put(k, v);
            }
        });
        return ctx;
    }

    static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(path, v, out);
            } else if (v.isArray()) {
                List<Object> list = new ArrayList<>(v.size());
                for (JsonNode item : v) {
                    Object s = scalar(item);
                    if (s != null) {
                        list.add(s);
                    }
                }
                if (!list.isEmpty()) {
                    out.put(path, List.copyOf(list));
                }
            } else {
                Object s = scalar(v);
                if (s != null) {
                    out.put(path, s);
                }
            }
        }
    }

    private static Object scalar(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return null;
    }
}
