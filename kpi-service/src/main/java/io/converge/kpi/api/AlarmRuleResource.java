package io.converge.kpi.api;

import io.converge.kpi.alarm.AlarmTransitions;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.store.AlarmRuleRepository;
import io.converge.kpi.store.AlarmRuleRepository.Rule;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Threshold alarm rules: engineers (and admins) write them, viewers read them. PUT replaces with If-Match (428
 * without, 412 when stale); a replacement that changes the condition, and a DELETE, clear the rule's open alarms
 * (see {@link AlarmTransitions}). Rule writes apply at once on this replica (see the rule cache for the others).
 */
@Path("/api/v1/kpis/alarm-rules")
@Produces(MediaType.APPLICATION_JSON)
public class AlarmRuleResource {

    private static final String PATH = "/api/v1/kpis/alarm-rules/";
    private final AlarmRuleRepository rules;
    private final AlarmTransitions transitions;
    private final SecurityIdentity identity;
    private final List<Integer> widths;
    private final int maxDescription;

    public AlarmRuleResource(AlarmRuleRepository rules, AlarmTransitions transitions, SecurityIdentity identity,
            KpiConfig config) {
        this.rules = rules;
        this.transitions = transitions;
        this.identity = identity;
        this.widths = config.windows().widths().stream().map(d -> (int) d.toSeconds()).toList();
        this.maxDescription = config.alarms().maxDescription();
    }

    @POST
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Create an alarm rule on a metric or a KPI of a scope")
    public Uni<Response> create(@NotNull AlarmRuleInput body) {
        AlarmRuleRepository.Spec spec = body.validate(widths, maxDescription);
        return transitions.create(spec, actor()).map(r -> Response.created(URI.create(PATH + r.id()))
                .tag(ETags.of(r.version())).entity(r).build());
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Every alarm rule, or those of one scope")
    public Uni<List<Rule>> list(@QueryParam("scope") String scope) {
        return rules.list(scope == null ? null : BindingResource.scope(scope));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.VIEWER)
    public Uni<Response> get(@PathParam("id") String id) {
        UUID ruleId = RequestParams.uuid("id", id);
        return rules.find(ruleId).map(r -> ok(r.orElseThrow(() -> DomainException.notFound("alarm rule", ruleId))));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Replace an alarm rule (If-Match required); a changed condition clears its open alarms")
    public Uni<Response> replace(@PathParam("id") String id, @NotNull AlarmRuleInput body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID ruleId = RequestParams.uuid("id", id);
        AlarmRuleRepository.Spec spec = body.validate(widths, maxDescription);
        Long expected = ETags.required(ifMatch);
        return transitions.replace(ruleId, spec, expected, actor()).map(AlarmRuleResource::ok);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Delete an alarm rule (optional If-Match); its open alarms are cleared, history stays")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID ruleId = RequestParams.uuid("id", id);
        Long expected = ETags.optional(ifMatch);
        return transitions.delete(ruleId, expected, actor()).map(x -> Response.noContent().build());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Response ok(Rule r) {
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }
}
