package io.converge.security.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Normalizes events posted as JSON: either an OCSF document (it has {@code class_uid}; the common attributes are
 * recomputed, everything else is kept) or a short form with a {@code kind} for the sources that do not speak OCSF
 * (door controllers, badge readers, logon reports, connection logs), see {@link EventKinds}.
 */
public final class JsonEvents {

    /** Attributes computed here, whatever the sender wrote. */
    private static final Set<String> COMPUTED = Set.of("class_uid", "class_name", "category_uid", "category_name",
            "type_uid", "type_name", "time", "time_dt", "severity", "severity_id", "activity_id", "activity_name",
            "metadata");
    /** Times further ahead than this are refused (a clock far off, or a forged event). */
    static final Duration MAX_FUTURE = Duration.ofHours(1);

    private final Clock clock;
    private final EventKinds kinds;

    public JsonEvents(Clock clock) {
        this.clock = clock;
        this.kinds = new EventKinds(this);
    }

    /** The event as OCSF; {@code product} names the intake (e.g. {@code api}) when the sender did not. */
    public SecurityEvent normalize(JsonNode in, String product) throws NormalizationException {
        if (in == null || !in.isObject()) {
            throw new NormalizationException("an event must be a JSON object");
        }
        if (in.has("kind")) {
            return kinds.normalize((ObjectNode) in, product);
        }
        JsonNode cls = in.get("class_uid");
        if (cls == null || !cls.canConvertToInt() || !cls.isIntegralNumber()) {
            throw new NormalizationException("an event needs an integer class_uid (OCSF) or a kind (one of "
                    + EventKinds.NAMES + ")");
        }
        OcsfClass c = OcsfClass.of(cls.intValue()).orElseThrow(() -> new NormalizationException(
                "unknown OCSF class_uid " + cls.asText() + "; known: " + java.util.Arrays.stream(OcsfClass.values())
                        .map(k -> k.uid() + " " + k.label()).toList(), true));
        int activity = intIn(in, "activity_id", 0, 99, 0);
        int severity = severityOf(in);
        Instant time = time(in.get("time"));
        UUID id = idOf(in.path("metadata").path("uid"));
        String name = in.path("activity_name").isTextual() ? in.get("activity_name").textValue() : null;
        String prod = in.path("metadata").path("product").path("name").isTextual()
                ? in.path("metadata").path("product").path("name").textValue() : product;
        OcsfDocument doc = OcsfDocument.start(c, id, time, activity, name, severity, prod);
        Iterator<Map.Entry<String, JsonNode>> it = in.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!COMPUTED.contains(e.getKey())) {
                doc.node().set(e.getKey(), e.getValue().deepCopy());
            }
        }
        JsonNode meta = in.get("metadata");
        if (meta != null && meta.isObject()) {
            ObjectNode target = (ObjectNode) doc.node().get("metadata");
            meta.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("uid") && !e.getKey().equals("version") && !e.getKey().equals("product")) {
                    target.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        return doc.toEvent();
    }

    /** {@code time}: epoch milliseconds (OCSF) or an ISO-8601 instant; absent = now; not more than 1 h ahead. */
    Instant time(JsonNode t) throws NormalizationException {
        Instant now = clock.instant();
        if (t == null || t.isNull()) {
            return now;
        }
        Instant at;
        if (t.isIntegralNumber() && t.canConvertToLong()) {
            at = Instant.ofEpochMilli(t.longValue());
        } else if (t.isTextual()) {
            try {
                at = Instant.parse(t.textValue());
            } catch (DateTimeException e) {
                throw new NormalizationException("time must be epoch milliseconds or an ISO-8601 instant, not '"
                        + abbreviate(t.textValue()) + "'");
            }
        } else {
            throw new NormalizationException("time must be epoch milliseconds or an ISO-8601 instant");
        }
        if (at.isAfter(now.plus(MAX_FUTURE))) {
            throw new NormalizationException("time " + at + " is more than " + MAX_FUTURE.toMinutes()
                    + " minutes in the future");
        }
        if (at.getEpochSecond() < 0) {
            throw new NormalizationException("time " + at + " is before 1970");
        }
        return at;
    }

    static UUID idOf(JsonNode uid) throws NormalizationException {
        if (uid == null || uid.isMissingNode() || uid.isNull()) {
            return UUID.randomUUID();
        }
        try {
            return UUID.fromString(uid.asText());
        } catch (IllegalArgumentException e) {
            throw new NormalizationException("metadata.uid must be a UUID, not '" + abbreviate(uid.asText()) + "'");
        }
    }

    static int severityOf(JsonNode in) throws NormalizationException {
        JsonNode s = in.get("severity_id");
        if (s == null || s.isNull()) {
            return in.path("severity").isTextual() ? OcsfClass.severityId(in.get("severity").textValue()) : 1;
        }
        if (!s.isIntegralNumber() || !(s.intValue() >= 0 && s.intValue() <= 6 || s.intValue() == 99)) {
            throw new NormalizationException("severity_id must be 0-6 or 99, not " + abbreviate(s.toString()));
        }
        return s.intValue();
    }

    static int intIn(JsonNode in, String field, int min, int max, int absent) throws NormalizationException {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw new NormalizationException(field + " must be an integer " + min + "-" + max + ", not "
                    + abbreviate(v.toString()));
        }
        return v.intValue();
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
