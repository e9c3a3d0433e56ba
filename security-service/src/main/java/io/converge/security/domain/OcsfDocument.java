package io.converge.security.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** Builds an OCSF document: the common attributes every class carries, and values set by dotted path. */
public final class OcsfDocument {

    public static final String OCSF_VERSION = "1.3.0";
    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final OcsfClass ocsfClass;
    private final UUID id;
    private final Instant time;

    private OcsfDocument(OcsfClass c, UUID id, Instant time) {
        this.ocsfClass = c;
        this.id = id;
        this.time = time;
    }

    /**
     * A document of class {@code c}: class, category, activity, type_uid (class × 100 + activity), severity, time (epoch
     * milliseconds, as OCSF has it, plus {@code time_dt}), and metadata (version, uid = event id, product).
     */
    public static OcsfDocument start(OcsfClass c, UUID id, Instant time, int activityId, String activityName,
            int severityId, String product) {
        OcsfDocument d = new OcsfDocument(c, id, time);
        ObjectNode r = d.root;
        r.put("class_uid", c.uid());
        r.put("class_name", c.label());
        r.put("category_uid", c.categoryUid());
        r.put("category_name", c.categoryName());
        r.put("activity_id", activityId);
        if (activityName != null) {
            r.put("activity_name", activityName);
        }
        r.put("type_uid", (long) c.uid() * 100 + activityId);
        r.put("severity_id", severityId);
        r.put("severity", OcsfClass.severityName(severityId));
        r.put("time", time.toEpochMilli());
        r.put("time_dt", time.toString());
        d.set("metadata.version", OCSF_VERSION);
        d.set("metadata.uid", id.toString());
        d.set("metadata.product.name", product);
        d.set("metadata.product.vendor_name", "Converge");
        return d;
    }

    /** Sets a value at a dotted path (creating the objects on the way); a null value is left out. */
    public OcsfDocument set(String path, Object value) {
        if (value == null) {
            return this;
        }
        ObjectNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(parts[i]);
            }
            parent = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        switch (value) {
            case String s -> parent.put(leaf, s);
            case Integer n -> parent.put(leaf, n);
            case Long n -> parent.put(leaf, n);
            case Double n -> parent.put(leaf, n);
            case Boolean b -> parent.put(leaf, b);
            case JsonNode n -> parent.set(leaf, n);
            default -> parent.put(leaf, value.toString());
        }
        return this;
    }

    public ObjectNode node() {
        return root;
    }

    public SecurityEvent toEvent() {
        return SecurityEvent.of(id, time, ocsfClass, root);
    }
}
