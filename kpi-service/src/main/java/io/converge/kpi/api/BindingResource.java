package io.converge.kpi.api;

import io.converge.kpi.domain.Scope;
import io.converge.kpi.stream.BindingCache;
import io.converge.kpi.store.BindingRepository;
import io.converge.kpi.store.BindingRepository.Binding;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * KPI bindings per scope ({@code line:{uuid}} or {@code asset:{tag}}): engineers write them, viewers read them. PUT
 * creates (201) or replaces (If-Match required: 428 without, 412 when stale).
 */
@Path("/api/v1/kpis/bindings")
@Produces(MediaType.APPLICATION_JSON)
public class BindingResource {

    private final BindingRepository bindings;
    private final SecurityIdentity identity;
    private final BindingCache cache;

    public BindingResource(BindingRepository bindings, SecurityIdentity identity, BindingCache cache) {
        this.bindings = bindings;
        this.identity = identity;
        this.cache = cache;
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Every KPI binding, by scope")
    public Uni<List<Binding>> list() {
        return bindings.all();
    }

    @GET
    @Path("{scope}")
    @RolesAllowed(RoleNames.VIEWER)
    public Uni<Response> get(@PathParam("scope") String scope) {
        String key = scope(scope);
        return bindings.find(key).map(b -> b.map(BindingResource::ok)
                .orElseThrow(() -> DomainException.notFound("binding for", key)));
    }

    @PUT
    @Path("{scope}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Bind telemetry metrics to a scope (create, or replace with If-Match)")
    public Uni<Response> put(@PathParam("scope") String scope, @Valid @NotNull BindingInput body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String key = scope(scope);
        if (!body.bindsSomething()) {
            throw DomainException.badRequest("bind at least one of stateMetric, goodCountMetric, scrapCountMetric,"
                    + " energyMetric");
        }
        String actor = identity.getPrincipal().getName();
        if (ifMatch != null && !ifMatch.isBlank()) {
            return replace(key, body, ETags.required(ifMatch), actor).invoke(cache::invalidate);
        }
        return bindings.insert(key, body, actor).invoke(cache::invalidate).map(created -> created.map(b -> Response
                .created(URI.create("/api/v1/kpis/bindings/" + b.scope())).tag(ETags.of(b.version())).entity(b)
                .build()).orElseThrow(() -> new DomainException(DomainException.Kind.PRECONDITION_REQUIRED,
                        "a binding for " + key + " exists: replace it with If-Match (its ETag)")));
    }

    @DELETE
    @Path("{scope}")
    @RolesAllowed(RoleNames.ENGINEER)
    public Uni<Response> delete(@PathParam("scope") String scope, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String key = scope(scope);
        Long expected = ETags.optional(ifMatch);
        return bindings.delete(key, expected).invoke(cache::invalidate).flatMap(n -> n > 0 ? Uni.createFrom().item(Response.noContent().build())
                : bindings.find(key).map(b -> {
                    throw b.isPresent() ? new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                            "the binding changed (version " + b.get().version() + ")")
                            : DomainException.notFound("binding for", key);
                }));
    }

    private Uni<Response> replace(String key, BindingInput body, Long expected, String actor) {
        return bindings.replace(key, body, expected, actor).flatMap(r -> r.isPresent()
                ? Uni.createFrom().item(ok(r.get()))
                : bindings.find(key).map(b -> {
                    throw b.isPresent() ? new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                            "the binding changed (version " + b.get().version() + "); read it again")
                            : DomainException.notFound("binding for", key);
                }));
    }

    private static Response ok(Binding b) {
        return Response.ok(b).tag(ETags.of(b.version())).build();
    }

    static String scope(String raw) {
        try {
            return Scope.parse(raw).asString();
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
    }
}
