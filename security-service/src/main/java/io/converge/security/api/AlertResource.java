package io.converge.security.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.RequestParams;
import io.converge.rest.RoleNames;
import io.converge.security.config.SecurityConfig;
import io.converge.security.domain.AlertState;
import io.converge.security.domain.DetectionFinding;
import io.converge.security.intake.AlertBroadcast;
import io.converge.security.store.AlertStore;
import io.converge.security.store.AlertView;
import io.converge.security.store.Cursor;
import io.converge.security.store.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Alerts (security-analyst): list, read, stream (SSE), lifecycle, assignment, notes, OCSF export, responses. */
@Path("/api/v1/security/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(RoleNames.SECURITY_ANALYST)
public class AlertResource {

    private final AlertStore alerts;
    private final AlertActions actions;
    private final AlertBroadcast broadcast;
    private final SecurityConfig config;
    private final SecurityIdentity identity;

    public AlertResource(AlertStore alerts, AlertActions actions, AlertBroadcast broadcast, SecurityConfig config,
            SecurityIdentity identity) {
        this.alerts = alerts;
        this.actions = actions;
        this.broadcast = broadcast;
        this.config = config;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Alerts, most recent activity first", description = "Filters: state, severity (info, low,"
            + " medium, high, critical), minScore, assetId, ruleId, technique (e.g. T0839).")
    public Uni<Page<AlertView>> list(@QueryParam("state") String state, @QueryParam("severity") String severity,
            @QueryParam("minScore") Integer minScore, @QueryParam("assetId") String assetId,
            @QueryParam("ruleId") String ruleId, @QueryParam("technique") String technique,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        if (state != null) {
            AlertState.of(state);
        }
        if (severity != null && !List.of("info", "low", "medium", "high", "critical").contains(severity)) {
            throw DomainException.badRequest("severity must be info, low, medium, high or critical");
        }
        if (technique != null && !technique.matches("T[0-9]{4}(\\.[0-9]{3})?")) {
            throw DomainException.badRequest("technique must be an ATT&CK technique id such as T0839");
        }
        int n = RequestParams.limit(limit, config.alerts().defaultLimit(), config.alerts().maxLimit());
        return alerts.list(new AlertStore.Filter(state, severity, minScore, Params.uuid("assetId", assetId), ruleId,
                technique), Cursor.decode(cursor), n);
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Alerts as they are raised or change (server-sent events); minScore filters")
    public Multi<AlertView> stream(@QueryParam("minScore") Integer minScore) {
        int min = minScore == null ? 0 : minScore;
        // a slow client misses alerts rather than failing the stream (it can list them; the stream is a live view)
        return broadcast.stream().onOverflow().drop().filter(a -> a.score() >= min);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert (ETag = its version)")
    public Uni<Response> get(@PathParam("id") String id) {
        return find(id).map(a -> Response.ok(a).tag(ETags.of(a.version())).build());
    }

    @GET
    @Path("{id}/ocsf")
    @Operation(summary = "The alert as an OCSF Detection Finding (class 2004)")
    public Uni<ObjectNode> ocsf(@PathParam("id") String id) {
        return find(id).flatMap(a -> alerts.events(a.id()).map(evs -> DetectionFinding.of(new DetectionFinding.Alert(
                a.id(), a.ruleId(), a.ruleVersion(), a.title(), a.level(), a.score(), a.severity(),
                a.techniques().stream().map(AlertView.Technique::id).toList(), a.assetId(), a.assetTag(), a.state(),
                a.count(), a.firstSeen(), a.lastSeen(), evs))));
    }

    @POST
    @Path("{id}/transition")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move an alert: acknowledged, in-progress, resolved or false-positive (409 if not allowed)")
    public Uni<Response> transition(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AlertInputs.Transition body) {
        AlertState to = AlertState.of(body.state());
        return actions.move(RequestParams.uuid("id", id), to, ETags.optional(ifMatch), body.note(), actor())
                .map(this::ok);
    }

    @PUT
    @Path("{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign the alert (assignee null: unassign)")
    public Uni<Response> assign(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AlertInputs.Assignment body) {
        return actions.assign(RequestParams.uuid("id", id), body.assignee(), ETags.optional(ifMatch), actor())
                .map(this::ok);
    }

    @POST
    @Path("{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a note")
    public Uni<Response> note(@PathParam("id") String id, @Valid @NotNull AlertInputs.Note body) {
        return actions.note(RequestParams.uuid("id", id), body.text(), actor())
                .map(x -> Response.status(201).build());
    }

    @GET
    @Path("{id}/notes")
    @Operation(summary = "The alert's notes, oldest first")
    public Uni<List<Map<String, Object>>> notes(@PathParam("id") String id) {
        return find(id).flatMap(a -> alerts.trail(a.id(), "note"));
    }

    @GET
    @Path("{id}/audit")
    @Operation(summary = "Every action taken on the alert, with its actor, oldest first")
    public Uni<List<Map<String, Object>>> audit(@PathParam("id") String id) {
        return find(id).flatMap(a -> alerts.trail(a.id(), "audit"));
    }

    @POST
    @Path("{id}/actions/quarantine-asset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quarantine the alert's asset through asset-service", description = "The outcome is"
            + " recorded on the alert (responses[]); 502 when asset-service refused or could not be reached.")
    public Uni<Response> quarantine(@PathParam("id") String id, AlertInputs.Quarantine body) {
        return actions.quarantine(RequestParams.uuid("id", id), body == null ? null : body.reason(), actor())
                .map(this::ok);
    }

    @POST
    @Path("{id}/actions/pause-campaign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause a firmware campaign through patch-service", description = "Outcome recorded on the"
            + " alert; 502 when patch-service refused or could not be reached.")
    public Uni<Response> pause(@PathParam("id") String id, @Valid @NotNull AlertInputs.PauseCampaign body) {
        return actions.pauseCampaign(RequestParams.uuid("id", id), body.campaignId(), body.reason(), actor())
                .map(this::ok);
    }

    private Uni<AlertView> find(String id) {
        UUID uuid = RequestParams.uuid("id", id);
        return alerts.get(alerts.pool(), uuid, false).map(a -> {
            if (a == null) {
                throw DomainException.notFound("alert", id);
            }
            return a;
        });
    }

    private Response ok(AlertView a) {
        return Response.ok(a).tag(ETags.of(a.version())).build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
