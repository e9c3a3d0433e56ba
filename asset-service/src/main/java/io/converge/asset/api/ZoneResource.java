package io.converge.asset.api;

import io.converge.rest.ETags;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.asset.domain.NodeLevel;
import io.converge.asset.domain.SecurityZone;
import io.converge.asset.store.AuditLog;
import io.converge.asset.store.HierarchyRepository;
import io.converge.asset.store.Keyset;
import io.converge.asset.store.Page;
import io.converge.asset.store.ZoneRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** IEC 62443 security zones with their target (SL-T) and achieved (SL-A) security levels. */
@Path("/api/v1/zones")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Zones", description = "IEC 62443 security zones: SL-T (target, 1–4) and SL-A (achieved, 0–4 or null when"
        + " not assessed). Conduits between zones live under /api/v1/zones/conduits, the gap report at"
        + " /api/v1/zones/report.")
public class ZoneResource {

    private static final String ENTITY = "zone";

    private final Pool pool;
    private final ZoneRepository zones;
    private final HierarchyRepository nodes;
    private final AuditLog audit;
    private final QueryParams params;
    private final SecurityIdentity identity;

    public ZoneResource(Pool pool, ZoneRepository zones, HierarchyRepository nodes, AuditLog audit,
            QueryParams params, SecurityIdentity identity) {
        this.pool = pool;
        this.zones = zones;
        this.nodes = nodes;
        this.audit = audit;
        this.params = params;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Create a security zone", description = "siteId, when given, must be a node of level site"
            + " (422 otherwise); a duplicate name is a 409.")
    public Uni<Response> create(@Valid @NotNull ZoneInput body, UriInfo uri) {
        UUID id = UUID.randomUUID();
        ZoneRepository.Draft d = body.toDraft();
        return pool.withTransaction(c -> checkSite(c, d.siteId())
                .flatMap(x -> zones.insert(c, id, d))
                .call(z -> audit.add(c, ENTITY, id, "created", Roles.actor(identity), null, z)))
                .map(z -> Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                        .tag(ETags.of(z.version())).entity(z.withAssetCount(0)).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List security zones", description = "Filters: siteId, belowTarget=true (SL-A below SL-T or"
            + " not assessed), q (name or description contains). sort: name, slTarget, createdAt.")
    public Uni<Page<SecurityZone>> list(@QueryParam("siteId") String siteId,
            @QueryParam("belowTarget") Boolean belowTarget, @QueryParam("q") String q,
            @QueryParam("sort") String sort, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int n = params.limit(limit);
        Keyset<SecurityZone> keyset = new Keyset<>(ZoneRepository.SORTABLE, "z.id", SecurityZone::id, sort, "name");
        return zones.list(new ZoneRepository.Filter(QueryParams.uuid("siteId", siteId),
                Boolean.TRUE.equals(belowTarget), QueryParams.text("q", q, 200)), keyset, cursor, n);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One security zone with its asset count (ETag = version)")
    public Uni<Response> get(@PathParam("id") String rawId) {
        UUID id = QueryParams.uuid("id", rawId);
        return zones.findWithCount(id).map(z -> withTag(Checks.found(z, "security zone", id)));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Replace a security zone (If-Match required)")
    public Uni<Response> replace(@PathParam("id") String rawId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ZoneInput body) {
        UUID id = QueryParams.uuid("id", rawId);
        Long expected = ETags.required(ifMatch);
        ZoneRepository.Draft d = body.toDraft();
        return pool.withTransaction(c -> zones.findForUpdate(c, id).flatMap(before -> {
            Checks.found(before, "security zone", id);
            Checks.version(expected, before.version());
            return checkSite(c, d.siteId()).flatMap(x -> zones.update(c, id, d))
                    .call(after -> audit.add(c, ENTITY, id, "updated", Roles.actor(identity), before, after));
        })).flatMap(z -> zones.findWithCount(id)).map(z -> withTag(Checks.found(z, "security zone", id)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Delete a zone no asset or conduit refers to (optional If-Match)")
    public Uni<Response> delete(@PathParam("id") String rawId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID id = QueryParams.uuid("id", rawId);
        Long expected = ETags.optional(ifMatch);
        return pool.withTransaction(c -> zones.findForUpdate(c, id).flatMap(before -> {
            Checks.found(before, "security zone", id);
            Checks.version(expected, before.version());
            return zones.references(c, id).flatMap(refs -> {
                if (!refs.isEmpty()) {
                    throw DomainException.conflict("zone '" + before.name() + "' is still used by "
                            + String.join(", ", refs) + "; move them or delete the conduits first");
                }
                return zones.delete(c, id)
                        .call(() -> audit.add(c, ENTITY, id, "deleted", Roles.actor(identity), before, null));
            });
        })).map(v -> Response.noContent().build());
    }

    /** 422 unless {@code siteId} is null or a hierarchy node of level site (locked against deletion meanwhile). */
    private Uni<Void> checkSite(SqlClient c, UUID siteId) {
        if (siteId == null) {
            return Uni.createFrom().voidItem();
        }
        return nodes.findForShare(c, siteId).map(n -> {
            String problem = n == null ? "site " + siteId + " does not exist"
                    : n.level() != NodeLevel.SITE ? "node " + n.code() + " is a " + n.level() + ", not a site" : null;
            if (problem != null) {
                throw DomainException.unprocessable(problem, List.of(FieldError.of("siteId", problem)));
            }
            return null;
        });
    }

    private static Response withTag(SecurityZone z) {
        return Response.ok(z).tag(ETags.of(z.version())).build();
    }
}
