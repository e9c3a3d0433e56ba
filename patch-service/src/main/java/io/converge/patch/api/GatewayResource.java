package io.converge.patch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.patch.config.PatchConfig;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.rest.RoleNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The device protocol for a gateway speaking for the devices behind it (an edge gateway in front of a line's PLCs):
 * one poll for many tags, one feedback call carrying many reports. The same rules as one device's calls, in the same
 * few statements whatever the batch size. A malformed body is a 400 for the whole call and changes nothing; a report
 * refused on its own (unknown action 404, another device's 403, out of order 409) is answered in its result and does
 * not stop the others.
 */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GatewayResource {

    public record PollAnswer(List<TaggedAction> actions) {
    }

    /** A device's action, with its tag. */
    public record TaggedAction(String tag, DeviceResource.ActionView action) {
    }

    public record FeedbackAnswer(List<Result> results) {
    }

    /** One report's result: status 200 and the action after it, or the refusal's status and detail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String tag, UUID actionId, int status, DeviceResource.ActionView action, String detail) {
    }

    private final DeviceDeployments deployments;
    private final DeviceFeedback feedback;
    private final PatchConfig config;
    private final ObjectMapper json;

    public GatewayResource(DeviceDeployments deployments, DeviceFeedback feedback, PatchConfig config,
            ObjectMapper json) {
        this.deployments = deployments;
        this.feedback = feedback;
        this.config = config;
        this.json = json;
    }

    @POST
    @Path("poll")
    @RolesAllowed(RoleNames.DEVICE)
    @Operation(summary = "The deployment actions of many devices: {\"tags\": [...]} → {\"actions\": [{tag, action}]}",
            description = "Devices with nothing to do (or unknown tags) are left out; the same offer rules as one"
                    + " device's poll")
    public Uni<PollAnswer> poll(String body) {
        JsonNode n = object(body, "{\"tags\": [\"PLC-1\", …]}");
        List<FieldError> errors = new ArrayList<>();
        n.fieldNames().forEachRemaining(f -> {
            if (!"tags".equals(f)) {
                errors.add(FieldError.of(f, "unknown field"));
            }
        });
        JsonNode tags = n.get("tags");
        Set<String> distinct = new LinkedHashSet<>();
        if (tags == null || !tags.isArray() || tags.isEmpty()) {
            errors.add(FieldError.of("tags", "required: a non-empty array of device tags"));
        } else {
            limit(tags.size(), "tags");
            for (int i = 0; i < tags.size(); i++) {
                JsonNode t = tags.get(i);
                if (!t.isTextual() || t.asText().isBlank() || t.asText().length() > DeviceResource.MAX_TAG) {
                    errors.add(FieldError.of("tags[" + i + "]", "must be a tag of 1 to " + DeviceResource.MAX_TAG
                            + " characters"));
                } else {
                    distinct.add(t.asText());
                }
            }
        }
        failOn(errors, "the poll has invalid fields");
        return deployments.poll(List.copyOf(distinct), Instant.now()).map(m -> new PollAnswer(m.entrySet().stream()
                .map(e -> new TaggedAction(e.getKey(), DeviceResource.ActionView.of(e.getValue()))).toList()));
    }

    @POST
    @Path("feedback")
    @RolesAllowed(RoleNames.DEVICE)
    @Operation(summary = "Feedback of many devices: {\"reports\": [{tag, actionId, status, progress, message}]}",
            description = "Applied in order in one transaction; each report's result in the same order: 200 with the"
                    + " action after it, or 404/403/409 with the reason")
    public Uni<FeedbackAnswer> feedback(String body) {
        JsonNode n = object(body, "{\"reports\": [{\"tag\", \"actionId\", \"status\", …}]}");
        List<FieldError> errors = new ArrayList<>();
        n.fieldNames().forEachRemaining(f -> {
            if (!"reports".equals(f)) {
                errors.add(FieldError.of(f, "unknown field"));
            }
        });
        JsonNode reports = n.get("reports");
        List<DeviceFeedback.Report> parsed = new ArrayList<>();
        if (reports == null || !reports.isArray() || reports.isEmpty()) {
            errors.add(FieldError.of("reports", "required: a non-empty array of reports"));
        } else {
            limit(reports.size(), "reports");
            for (int i = 0; i < reports.size(); i++) {
                DeviceFeedback.Report r = report(reports.get(i), "reports[" + i + "].", errors);
                if (r != null) {
                    parsed.add(r);
                }
            }
        }
        failOn(errors, "the feedback has invalid fields");
        return feedback.apply(parsed).map(outcomes -> new FeedbackAnswer(outcomes.stream().map(o -> o.refused() == null
                ? new Result(o.report().tag(), o.report().actionId(), 200, DeviceResource.ActionView.of(o.action()),
                        null)
                : new Result(o.report().tag(), o.report().actionId(), o.refused().status(), null,
                        o.refused().getMessage())).toList()));
    }

    private static DeviceFeedback.Report report(JsonNode r, String prefix, List<FieldError> errors) {
        if (r == null || !r.isObject()) {
            errors.add(FieldError.of(prefix.substring(0, prefix.length() - 1), "must be an object"));
            return null;
        }
        int before = errors.size();
        JsonNode tag = r.get("tag");
        if (tag == null || !tag.isTextual() || tag.asText().isBlank()
                || tag.asText().length() > DeviceResource.MAX_TAG) {
            errors.add(FieldError.of(prefix + "tag", "required: the device's tag (1 to " + DeviceResource.MAX_TAG
                    + " characters)"));
        }
        UUID action = null;
        JsonNode a = r.get("actionId");
        try {
            action = a != null && a.isTextual() ? UUID.fromString(a.asText()) : null;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (action == null) {
            errors.add(FieldError.of(prefix + "actionId", "required: the action id (a UUID) from the poll"));
        }
        DeviceFeedback.Feedback f = FeedbackFields.read(r, prefix, errors, true);
        return errors.size() > before ? null : new DeviceFeedback.Report(tag.asText(), action, f);
    }

    private JsonNode object(String body, String shape) {
        if (body == null || body.isBlank()) {
            throw DomainException.badRequest("a body " + shape + " is required");
        }
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (Exception e) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the body is not JSON",
                    List.of(FieldError.of("body", "malformed JSON")));
        }
        if (n == null || !n.isObject()) {
            throw DomainException.badRequest("the body must be a JSON object " + shape);
        }
        return n;
    }

    private void limit(int n, String field) {
        if (n > config.devices().maxBatch()) {
            throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE, n + " " + field + " in one call; at most "
                    + config.devices().maxBatch(), List.of(FieldError.of(field, "at most "
                            + config.devices().maxBatch())));
        }
    }

    private static void failOn(List<FieldError> errors, String detail) {
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, detail, errors);
        }
    }
}
