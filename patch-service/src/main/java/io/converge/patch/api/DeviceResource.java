package io.converge.patch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.patch.store.DeploymentRepository.Action;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.rest.RequestParams;
import io.converge.rest.RoleNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The device protocol (hawkBit-DDI-like, role {@code device}): a device polls for its deployment action and reports
 * progress and result. The device token proves a device, not which one: a device acting on another tag's action is
 * refused (403). An unknown tag is answered like a device with nothing to do (204), so the endpoint does not reveal
 * which tags exist.
 */
@Path("/api/v1/devices/{tag}/deployment")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    static final int MAX_TAG = 200;

    /** What a device is told to install. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionView(UUID actionId, UUID campaignId, UUID firmwareId, String version, String downloadUrl,
            String sha256, String signature, boolean rollback, String state, int progress) {

        static ActionView of(Action a) {
            return new ActionView(a.actionId(), a.campaignId(), a.firmwareId(), a.version(),
                    "/api/v1/firmware/" + a.firmwareId() + "/artifact", a.sha256(), a.signature(), a.rollback(), a.state(),
                    a.progress());
        }
    }

    private final DeviceDeployments deployments;
    private final DeviceFeedback feedback;
    private final ObjectMapper json;

    public DeviceResource(DeviceDeployments deployments, DeviceFeedback feedback, ObjectMapper json) {
        this.deployments = deployments;
        this.feedback = feedback;
        this.json = json;
    }

    @GET
    @RolesAllowed(RoleNames.DEVICE)
    @Operation(summary = "The device's deployment action, or 204 when there is none (also for an unknown tag)",
            description = "Offered only for the current wave of a running campaign, inside the site's maintenance"
                    + " window and the campaign's own; the first answer marks the action offered")
    public Uni<Response> poll(@PathParam("tag") String tag) {
        String t = tag(tag);
        return deployments.poll(t, Instant.now()).map(a -> a.isEmpty() ? Response.noContent().build()
                : Response.ok(ActionView.of(a.get())).build());
    }

    @POST
    @Path("{action}/feedback")
    @RolesAllowed(RoleNames.DEVICE)
    @Operation(summary = "Progress (downloading %, downloaded, installing) or result (success, failure + message)",
            description = "Bad body → 400; unknown action → 404; another device's action → 403; feedback after a"
                    + " final state (other than the same result again) or before the offer → 409")
    public Uni<ActionView> feedback(@PathParam("tag") String tag, @PathParam("action") String action, String body) {
        String t = tag(tag);
        UUID id = RequestParams.uuid("action", action);
        DeviceFeedback.Feedback f = parse(body);
        return feedback.apply(t, id, f).map(ActionView::of);
    }

    static String tag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > MAX_TAG) {
            throw DomainException.badRequest("tag must be 1 to " + MAX_TAG + " characters");
        }
        return tag;
    }

    /** {@code {"status": …, "progress": 0–100, "message": …}}, read here so every refusal is a 400 problem. */
    DeviceFeedback.Feedback parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainException.badRequest("a body {\"status\": …} is required");
        }
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (Exception e) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the body is not JSON",
                    List.of(FieldError.of("body", "malformed JSON")));
        }
        if (n == null || !n.isObject()) {
            throw DomainException.badRequest("the body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        DeviceFeedback.Feedback f = FeedbackFields.read(n, "", errors, false);
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the feedback has invalid fields", errors);
        }
        return f;
    }
}
