package io.converge.asset.api;

import io.converge.rest.ETags;
import io.converge.asset.domain.Conduit;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.asset.store.AuditLog;
import io.converge.asset.store.ConduitRepository;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** IEC 62443 conduits: the communication channels between two security zones. */
@Path("/api/v1/zones/conduits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Conduits", description = "IEC 62443 conduits between two distinct zones, with the protocols they carry"
        + " and an optional target security level.")
public class ConduitResource {

    private static final String ENTITY = "conduit";

    private final Pool pool;
    private final ConduitRepository conduits;
    private final ZoneRepository zones;
    private final AuditLog audit;
    private final QueryParams params;
    private final SecurityIdentity identity;

    public ConduitResource(Pool pool, ConduitRepository conduits, ZoneRepository zones, AuditLog audit,
            QueryParams params, SecurityIdentity identity) {
        this.pool = pool;
        this.conduits = conduits;
        this.zones = zones;
        this.audit = audit;
        this.params = params;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Create a conduit", description = "fromZoneId and toZoneId must be distinct existing zones"
            + " (422 otherwise); a duplicate name is a 409.")
    public Uni<Response> create(@Valid @NotNull ConduitInput body, UriInfo uri) {
        UUID id = UUID.randomUUID();
        ConduitRepository.Draft d = body.toDraft();
        return pool.withTransaction(c -> checkZones(c, d)
                .flatMap(x -> conduits.insert(c, id, d))
                .call(k -> audit.add(c, ENTITY, id, "created", Roles.actor(identity), null, k)))
                .map(k -> Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                        .tag(ETags.of(k.version())).entity(k).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List conduits", description = "Filter zoneId matches either end. sort: name, createdAt.")
    public Uni<Page<Conduit>> list(@QueryParam("zoneId") String zoneId, @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int n = params.limit(limit);
        Keyset<Conduit> keyset = new Keyset<>(ConduitRepository.SORTABLE, "c.id", Conduit::id, sort, "name");
        return conduits.list(QueryParams.uuid("zoneId", zoneId), keyset, cursor, n);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One conduit (ETag = version)")
    public Uni<Response> get(@PathParam("id") String rawId) {
        UUID id = QueryParams.uuid("id", rawId);
        return conduits.find(id).map(k -> withTag(Checks.found(k, "conduit", id)));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Replace a conduit (If-Match required)")
    public Uni<Response> replace(@PathParam("id") String rawId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ConduitInput body) {
        UUID id = QueryParams.uuid("id", rawId);
        Long expected = ETags.required(ifMatch);
        ConduitRepository.Draft d = body.toDraft();
        return pool.withTransaction(c -> conduits.findForUpdate(c, id).flatMap(before -> {
            Checks.found(before, "conduit", id);
            Checks.version(expected, before.version());
            return checkZones(c, d).flatMap(x -> conduits.update(c, id, d))
                    .call(after -> audit.add(c, ENTITY, id, "updated", Roles.actor(identity), before, after));
        })).map(ConduitResource::withTag);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Delete a conduit (optional If-Match)")
    public Uni<Response> delete(@PathParam("id") String rawId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID id = QueryParams.uuid("id", rawId);
        Long expected = ETags.optional(ifMatch);
        return pool.withTransaction(c -> conduits.findForUpdate(c, id).flatMap(before -> {
            Checks.found(before, "conduit", id);
            Checks.version(expected, before.version());
            return conduits.delete(c, id)
                    .call(() -> audit.add(c, ENTITY, id, "deleted", Roles.actor(identity), before, null));
        })).map(v -> Response.noContent().build());
    }

    /** 422 unless both ends are distinct existing zones (locked against deletion for the transaction). */
    private Uni<Void> checkZones(SqlClient c, ConduitRepository.Draft d) {
        if (d.fromZoneId().equals(d.toZoneId())) {
            String problem = "a conduit connects two different zones";
            return Uni.createFrom().failure(DomainException.unprocessable(problem,
                    List.of(FieldError.of("toZoneId", problem))));
        }
        return zones.findForShare(c, List.of(d.fromZoneId(), d.toZoneId())).map(found -> {
            List<FieldError> errors = new ArrayList<>();
            if (!found.containsKey(d.fromZoneId())) {
                errors.add(FieldError.of("fromZoneId", "zone " + d.fromZoneId() + " does not exist"));
            }
            if (!found.containsKey(d.toZoneId())) {
                errors.add(FieldError.of("toZoneId", "zone " + d.toZoneId() + " does not exist"));
            }
            if (!errors.isEmpty()) {
                throw DomainException.unprocessable("a conduit needs two existing zones", errors);
            }
            return null;
        });
    }

    private static Response withTag(Conduit k) {
        return Response.ok(k).tag(ETags.of(k.version())).build();
    }
}
