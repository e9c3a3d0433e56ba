package io.converge.patch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.patch.config.PatchConfig;
import io.converge.patch.domain.CampaignAction;
import io.converge.patch.domain.CampaignState;
import io.converge.patch.store.CampaignRepository;
import io.converge.patch.store.CampaignRepository.Campaign;
import io.converge.patch.store.Cursors;
import io.converge.patch.store.FirmwareRepository;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.FieldError;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Firmware campaigns: engineers create them over a target filter resolved through asset-service into a frozen target
 * list cut into waves; an approver who is not the creator approves them (four eyes); every action is audited and
 * published on {@code converge.patch.events}. Lifecycle actions take an optional {@code If-Match} and an optional
 * body {@code {"reason": …}}.
 */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignRepository campaigns;
    private final CampaignCreation creation;
    private final CampaignTransitions transitions;
    private final WaveSupervisor supervisor;
    private final SecurityIdentity identity;
    private final PatchConfig config;
    private final ObjectMapper json;

    public CampaignResource(CampaignRepository campaigns, CampaignCreation creation, CampaignTransitions transitions,
            WaveSupervisor supervisor, SecurityIdentity identity, PatchConfig config, ObjectMapper json) {
        this.supervisor = supervisor;
        this.campaigns = campaigns;
        this.creation = creation;
        this.transitions = transitions;
        this.identity = identity;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Create a draft campaign: firmware (released), target filter, plan",
            description = "Targets are resolved through asset-service now (frozen list); incompatible models are"
                    + " excluded and reported. 201 + Location + ETag; bad fields → 400; unknown or unreleased"
                    + " firmware, filter matching nothing compatible, invalid window → 422; asset-service down → 503")
    public Uni<Response> create(CampaignInput body) {
        CampaignRequests.Checked req = CampaignRequests.check(body);
        return creation.create(req, actor()).flatMap(campaigns::detail)
                .map(d -> Response.created(URI.create("/api/v1/campaigns/" + d.campaign().id()))
                        .tag(ETags.of(d.campaign().revision())).entity(d).build());
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Campaigns, newest first; filter state; limit + cursor")
    public Uni<CampaignRepository.Page<Campaign>> list(@QueryParam("state") String state,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String s = null;
        if (state != null) {
            try {
                s = CampaignState.parse(state).value();
            } catch (IllegalArgumentException e) {
                throw DomainException.badRequest("state must be one of draft, pending-approval, approved, scheduled,"
                        + " running, paused, completed, cancelled, failed");
            }
        }
        FirmwareRepository.Cursor after = cursor == null ? null : Cursors.decode(cursor)
                .orElseThrow(() -> DomainException.badRequest("cursor is not a cursor this service issued"));
        return campaigns.list(s, after, limit(limit));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "One campaign with its wave sizes and excluded assets; ETag = its revision")
    public Uni<Response> get(@PathParam("id") String id) {
        return find(RequestParams.uuid("id", id)).flatMap(campaigns::detail)
                .map(d -> Response.ok(d).tag(ETags.of(d.campaign().revision())).build());
    }

    @GET
    @Path("{id}/targets")
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "The frozen target list in plan order (canary = wave 0); filter wave; limit + cursor")
    public Uni<CampaignRepository.Page<CampaignRepository.TargetRow>> targets(@PathParam("id") String id,
            @QueryParam("wave") String wave, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        UUID uuid = RequestParams.uuid("id", id);
        Integer w = wave == null ? null : nonNegative("wave", wave);
        int after = cursor == null ? -1 : nonNegative("cursor", cursor);
        int n = limit(limit);
        return find(uuid).flatMap(c -> campaigns.targets(uuid, w, after, n));
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Every action on the campaign, oldest first, with its actor")
    public Uni<List<CampaignRepository.AuditEntry>> audit(@PathParam("id") String id) {
        UUID uuid = RequestParams.uuid("id", id);
        return find(uuid).flatMap(c -> campaigns.audit(uuid));
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "draft → pending-approval")
    public Uni<Response> submit(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.SUBMIT, ifMatch, body);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(RoleNames.APPROVER)
    @Operation(summary = "pending-approval → approved, by an approver who did not create it (else 403)")
    public Uni<Response> approve(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.APPROVE, ifMatch, body);
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(RoleNames.APPROVER)
    @Operation(summary = "pending-approval → draft, by an approver who did not create it (else 403)")
    public Uni<Response> reject(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.REJECT, ifMatch, body);
    }

    @POST
    @Path("{id}/schedule")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "approved → scheduled; optional body {\"startAt\", \"reason\"}",
            description = "With startAt (an ISO-8601 instant, not in the past) the service starts the campaign then;"
                    + " without it the campaign waits for an explicit start. Malformed startAt → 400, in the past or"
                    + " too far ahead → 422")
    public Uni<Response> schedule(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        UUID uuid = RequestParams.uuid("id", id);
        Long expected = ETags.optional(ifMatch);
        ScheduleInput in = ScheduleInput.read(json, body);
        Instant startAt = in.startAt(Instant.now(), config.campaigns().maxScheduleAhead());
        return transitions.schedule(uuid, expected, actor(), in.reason(), startAt).flatMap(campaigns::detail)
                .map(d -> Response.ok(d).tag(ETags.of(d.campaign().revision())).build());
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "scheduled → running now (a campaign scheduled with startAt also starts by itself then)")
    public Uni<Response> start(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.START, ifMatch, body);
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({RoleNames.ENGINEER, RoleNames.SECURITY_ANALYST})
    @Operation(summary = "running → paused", description = "Engineers, and security analysts as a response action"
            + " (security-service pauses a campaign from an alert with its service account)")
    public Uni<Response> pause(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.PAUSE, ifMatch, body);
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "paused → running; the current wave's errors so far are accepted, the wave is decided about"
            + " again (it may have finished)")
    public Uni<Response> resume(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.RESUME, ifMatch, body);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({RoleNames.ENGINEER, RoleNames.APPROVER})
    @Operation(summary = "any non-terminal state → cancelled")
    public Uni<Response> cancel(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        return act(id, CampaignAction.CANCEL, ifMatch, body);
    }

    @POST
    @Path("{id}/rollback")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Offer every device the campaign updated successfully its previous firmware",
            description = "Paused, completed or failed campaigns only (409 otherwise); the state does not change;"
                    + " devices whose previous firmware is not in the catalog are skipped with the reason")
    public Uni<CampaignTransitions.RollbackResult> rollback(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return transitions.rollback(RequestParams.uuid("id", id), ETags.optional(ifMatch), actor(), reason(body));
    }

    private Uni<Response> act(String id, CampaignAction action, String ifMatch, String body) {
        UUID uuid = RequestParams.uuid("id", id);
        Long expected = ETags.optional(ifMatch);
        String reason = reason(body);
        return transitions.act(uuid, action, expected, actor(), reason)
                // the errors that paused it are accepted, and the wave may have finished meanwhile: decide now
                .flatMap(c -> action == CampaignAction.RESUME ? supervisor.resumed(uuid).map(o -> o.orElse(c))
                        : Uni.createFrom().item(c))
                .flatMap(campaigns::detail)
                .map(d -> Response.ok(d).tag(ETags.of(d.campaign().revision())).build());
    }

    /** The optional body {@code {"reason": …}}, read here so it works with or without a Content-Type. */
    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        RevokeInput in;
        try {
            in = json.readValue(body, RevokeInput.class);
        } catch (JsonProcessingException e) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the body must be {\"reason\": \"…\"}",
                    List.of(FieldError.of("reason", "malformed body: " + io.converge.rest.JsonShapes.parseError(e))));
        }
        String reason = in == null || in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
        if (reason != null && reason.length() > RevokeInput.MAX_REASON) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the request has invalid fields",
                    List.of(FieldError.of("reason", "at most " + RevokeInput.MAX_REASON + " characters")));
        }
        return reason;
    }

    private Uni<Campaign> find(UUID id) {
        return campaigns.find(id).map(c -> c.orElseThrow(() -> DomainException.notFound("campaign", id)));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private int limit(String raw) {
        return RequestParams.limit(raw, config.campaigns().defaultLimit(), config.campaigns().maxLimit());
    }

    private static int nonNegative(String name, String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.badRequest(name + " must be a whole number ≥ 0");
    }
}
