package io.converge.patch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.converge.patch.domain.DeploymentState;
import io.converge.rest.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of one feedback report, {@code {"status", "progress", "message"}} (plus {@code tag} and
 * {@code actionId} in a gateway's batch), checked strictly: every problem becomes a field error named with the
 * report's position (e.g. {@code reports[3].status}).
 */
final class FeedbackFields {

    static final int MAX_MESSAGE = 2000;
    private static final Set<String> FIELDS = Set.of("status", "progress", "message");
    private static final Set<String> BATCH_FIELDS = Set.of("tag", "actionId", "status", "progress", "message");

    private FeedbackFields() {
    }

    /** The feedback of {@code n}; null when a field is wrong (the errors say which). */
    static DeviceFeedback.Feedback read(JsonNode n, String prefix, List<FieldError> errors, boolean batch) {
        int before = errors.size();
        Set<String> allowed = batch ? BATCH_FIELDS : FIELDS;
        n.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                errors.add(FieldError.of(prefix + name, "unknown field"));
            }
        });
        DeploymentState.Feedback status = null;
        JsonNode s = n.get("status");
        if (s == null || !s.isTextual()) {
            errors.add(FieldError.of(prefix + "status",
                    "required: downloading, downloaded, installing, success or failure"));
        } else {
            try {
                status = DeploymentState.Feedback.valueOf(s.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(prefix + "status",
                        "must be downloading, downloaded, installing, success or failure"));
            }
        }
        Integer progress = null;
        JsonNode p = n.get("progress");
        if (p != null && !p.isNull()) {
            if (!p.isInt() || p.asInt() < 0 || p.asInt() > 100) {
                errors.add(FieldError.of(prefix + "progress", "must be a whole number within 0 and 100"));
            } else {
                progress = p.asInt();
            }
        }
        String message = null;
        JsonNode m = n.get("message");
        if (m != null && !m.isNull()) {
            if (!m.isTextual() || m.asText().length() > MAX_MESSAGE) {
                errors.add(FieldError.of(prefix + "message", "must be text of at most " + MAX_MESSAGE
                        + " characters"));
            } else {
                message = m.asText().isBlank() ? null : m.asText().strip();
            }
        }
        return errors.size() > before ? null : new DeviceFeedback.Feedback(status, progress, message);
    }
}
