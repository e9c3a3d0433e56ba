package io.converge.kpi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.KpiAlarmData;
import io.converge.kpi.alarm.AlarmBroadcast;
import io.converge.kpi.alarm.AlarmTransitions;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.Scope;
import io.converge.kpi.store.AlarmRepository;
import io.converge.kpi.store.AlarmRepository.Alarm;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Alarms raised by the alarm rules: viewers list and follow them, operators (and engineers, admins) acknowledge them.
 * The stream is this replica's broadcast of transitions (see {@link AlarmBroadcast}).
 */
@Path("/api/v1/kpis/alarms")
@Produces(MediaType.APPLICATION_JSON)
public class AlarmResource {

    /** The optional body of an acknowledgement. */
    public record AckInput(String comment) {
    }

    static final int MAX_COMMENT = 1000;
    private static final Map<String, List<String>> STATES = Map.of(
            "open", List.of("active", "acknowledged"),
            "active", List.of("active"),
            "acknowledged", List.of("acknowledged"),
            "cleared", List.of("cleared"));

    private final AlarmRepository alarms;
    private final AlarmTransitions transitions;
    private final AlarmBroadcast broadcast;
    private final SecurityIdentity identity;
    private final KpiConfig.Alarms config;
    private final ObjectMapper json;

    public AlarmResource(AlarmRepository alarms, AlarmTransitions transitions, AlarmBroadcast broadcast,
            SecurityIdentity identity, KpiConfig config, ObjectMapper json) {
        this.alarms = alarms;
        this.transitions = transitions;
        this.broadcast = broadcast;
        this.identity = identity;
        this.config = config.alarms();
        this.json = json;
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Alarms newest first: state open (default), active, acknowledged, cleared or all; scope"
            + " asset:{tag} (the asset's alarms, line rules included) or line:{uuid}; severity; limit + cursor")
    public Uni<AlarmRepository.Page> list(@QueryParam("state") String state, @QueryParam("scope") String scope,
            @QueryParam("severity") String severity, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        String s = state == null ? "open" : state;
        if (!s.equals("all") && !STATES.containsKey(s)) {
            throw DomainException.badRequest("state must be one of open, active, acknowledged, cleared, all");
        }
        if (severity != null && !AlarmRuleInput.SEVERITIES.contains(severity)) {
            throw DomainException.badRequest("severity must be one of info, warning, critical");
        }
        String canonical = scope == null ? null : BindingResource.scope(scope);
        String tag = null;
        UUID line = null;
        if (canonical != null) {
            Scope parsed = Scope.parse(canonical);
            if (parsed instanceof Scope.Asset a) {
                tag = a.tag();
            } else if (parsed instanceof Scope.Line l) {
                line = l.id();
            }
        }
        return alarms.list(s.equals("all") ? null : STATES.get(s), canonical, tag, line, severity,
                cursor == null ? null : RequestParams.uuid("cursor", cursor), limit(limit));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.VIEWER)
    public Uni<Alarm> get(@PathParam("id") String id) {
        UUID alarmId = RequestParams.uuid("id", id);
        return alarms.find(alarmId).map(a -> a.orElseThrow(() -> DomainException.notFound("alarm", alarmId)));
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed(RoleNames.OPERATOR)
    @Operation(summary = "Acknowledge an active alarm (409 otherwise), with an optional comment")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AckInput.class)))
    public Uni<Alarm> acknowledge(@PathParam("id") String id, String raw) throws JsonProcessingException {
        UUID alarmId = RequestParams.uuid("id", id);
        // the body is optional: read it here, so that a POST without a body (or a Content-Type) is accepted
        AckInput body = raw == null || raw.isBlank() ? null : json.readValue(raw, AckInput.class);
        String comment = body == null || body.comment() == null || body.comment().isBlank() ? null
                : body.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the comment is too long",
                    List.of(io.converge.rest.FieldError.of("comment", "at most " + MAX_COMMENT + " characters")));
        }
        return transitions.acknowledge(alarmId, identity.getPrincipal().getName(), comment);
    }

    @GET
    @Path("stream")
    @RolesAllowed(RoleNames.VIEWER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events of every alarm transition (raised, acknowledged, cleared) committed by"
            + " this replica after subscribing")
    public Multi<KpiAlarmData> stream() {
        return broadcast.subscribe();
    }

    private int limit(String raw) {
        return RequestParams.limit(raw, config.defaultLimit(), config.maxLimit());
    }
}
