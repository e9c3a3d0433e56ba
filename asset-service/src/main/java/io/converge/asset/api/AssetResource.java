package io.converge.asset.api;

import io.converge.rest.ETags;
import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDomain;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.domain.AssetType;
import io.converge.asset.domain.Criticality;
import io.converge.asset.store.AssetFilter;
import io.converge.asset.store.AssetRepository;
import io.converge.asset.store.AuditLog;
import io.converge.asset.store.Keyset;
import io.converge.asset.store.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The asset inventory: CRUD, lookup by tag, batch resolve, status changes, audit trail. */
@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assets", description = "IT and OT assets")
public class AssetResource {

    /** Body of a status change. */
    public record StatusChange(@NotNull AssetStatus status, @Size(max = 500) String reason) {
    }

    /** Body of a batch resolve. */
    public record ResolveRequest(@NotEmpty @Size(max = 1000) List<@NotNull @Size(max = 64) String> tags) {
    }

    /** Answer of a batch resolve: the known assets (short form) and the tags nobody registered. */
    public record ResolveResult(List<ResolvedAsset> known, List<String> unknown) {
    }

    public record ResolvedAsset(UUID id, String tag, AssetDomain domain, AssetType type, AssetStatus status,
            UUID zoneId, UUID siteId, UUID lineId, Criticality criticality, String firmwareVersion, String model) {
    }

    /** The caller, as the service sees its token. */
    public record WhoAmI(String subject, String username, Set<String> roles) {
    }

    private final AssetRepository assets;
    private final AssetService service;
    private final AuditLog audit;
    private final QueryParams params;
    private final SecurityIdentity identity;

    public AssetResource(AssetRepository assets, AssetService service, AuditLog audit, QueryParams params,
            SecurityIdentity identity) {
        this.assets = assets;
        this.service = service;
        this.audit = audit;
        this.params = params;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List assets", description = "Filters combine with AND; list filters (type, status, "
            + "criticality) take comma-separated values. sort: tag, name, type, status, criticality, firmwareVersion, "
            + "createdAt, updatedAt; prefix - for descending. Pages with limit and the cursor of the previous page.")
    public Uni<Page<Asset>> list(@QueryParam("site") String site, @QueryParam("line") String line,
            @QueryParam("node") String node, @QueryParam("type") List<String> type,
            @QueryParam("domain") String domain, @QueryParam("zone") String zone,
            @QueryParam("status") List<String> status, @QueryParam("criticality") List<String> criticality,
            @QueryParam("firmwareVersion") String firmware, @QueryParam("label") List<String> label,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        AssetFilter filter = filter(site, line, node, type, domain, zone, status, criticality, firmware, label, q);
        Keyset<Asset> keyset = new Keyset<>(AssetRepository.SORTABLE, "a.id", Asset::id, sort, "tag");
        return assets.list(filter, keyset, cursor, params.limit(limit));
    }

    static AssetFilter filter(String site, String line, String node, List<String> type, String domain, String zone,
            List<String> status, List<String> criticality, String firmware, List<String> label, String q) {
        return new AssetFilter(QueryParams.uuid("site", site), QueryParams.uuid("line", line),
                QueryParams.uuid("node", node), QueryParams.enums("type", AssetType.class, type),
                QueryParams.oneEnum("domain", AssetDomain.class, domain), QueryParams.uuid("zone", zone),
                QueryParams.enums("status", AssetStatus.class, status),
                QueryParams.enums("criticality", Criticality.class, criticality),
                QueryParams.text("firmwareVersion", firmware, 64), QueryParams.labels(label),
                QueryParams.text("q", q, 200));
    }

    @POST
    // authorization before the body is read or validated: a caller who may not register gets 403 whatever it sent
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Register an asset", description = "201 with Location and ETag; a duplicate tag is 409.")
    public Uni<Response> create(@Valid @NotNull AssetInput body, UriInfo uri) {
        return service.create(body.toDraft(AssetStatus.ACTIVE), Roles.actor(identity))
                .map(a -> Response.created(uri.getAbsolutePathBuilder().path(a.id().toString()).build())
                        .tag(ETags.of(a.version())).entity(a).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get an asset", description = "The ETag is the asset's version; send it as If-Match.")
    public Uni<Response> get(@PathParam("id") String id) {
        UUID uuid = QueryParams.uuid("id", id);
        return assets.find(uuid).map(a -> found(a, uuid));
    }

    @GET
    @Path("by-tag/{tag}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get an asset by its tag")
    public Uni<Response> byTag(@PathParam("tag") String tag) {
        return assets.findByTag(tag).map(a -> found(a, tag));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Replace an asset", description = "Needs If-Match: missing → 428, stale → 412. Omitting "
            + "status keeps it; a status change follows the same rules as POST /{id}/status.")
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AssetInput body) {
        UUID uuid = QueryParams.uuid("id", id);
        Long expected = ETags.required(ifMatch);
        return service.replace(uuid, body::toDraft, expected, Roles.actor(identity))
                .map(a -> Response.ok(a).tag(ETags.of(a.version())).build());
    }

    @POST
    @Path("{id}/status")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN, Roles.SECURITY_ANALYST})
    @Operation(summary = "Change an asset's lifecycle status", description = "Quarantine (in or out) is for "
            + "security analysts and admins; the other transitions for engineers and admins. Retired is final. "
            + "Needs If-Match.")
    public Uni<Response> status(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull StatusChange body) {
        UUID uuid = QueryParams.uuid("id", id);
        Long expected = ETags.required(ifMatch);
        return service.changeStatus(uuid, body.status(), body.reason(), expected, Roles.actor(identity))
                .map(a -> Response.ok(a).tag(ETags.of(a.version())).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Delete an asset", description = "For registration mistakes; decommissioned assets are "
            + "retired instead. If-Match is optional; when sent it must match.")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID uuid = QueryParams.uuid("id", id);
        return service.delete(uuid, ETags.optional(ifMatch), Roles.actor(identity))
                .map(x -> Response.noContent().build());
    }

    @POST
    @Path("resolve")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Resolve many tags at once", description = "For other services (telemetry validation, "
            + "campaign targeting): the known assets in short form and the unknown tags. At most 1000 tags.")
    public Uni<ResolveResult> resolve(@Valid @NotNull ResolveRequest body) {
        List<String> tags = body.tags().stream().distinct().toList();
        return assets.findByTags(tags).map(found -> {
            Set<String> known = found.stream().map(Asset::tag).collect(java.util.stream.Collectors.toSet());
            return new ResolveResult(found.stream().map(a -> new ResolvedAsset(a.id(), a.tag(), a.domain(), a.type(),
                    a.status(), a.zoneId(), a.siteId(), a.lineId(), a.criticality(), a.firmwareVersion(), a.model()))
                    .toList(), tags.stream().filter(t -> !known.contains(t)).toList());
        });
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Audit trail of an asset", description = "Newest first: who (token subject and user name), "
            + "what (before/after, reason) and when. Page with before=<id of the last entry seen>.")
    public Uni<List<AuditLog.Entry>> audit(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("before") String before) {
        return audit.list("asset", QueryParams.uuid("id", id), QueryParams.longValue("before", before),
                params.limit(limit));
    }

    @GET
    @Path("whoami")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The caller as this service sees its token", description = "Subject, user name and roles "
            + "(clients use it to offer only what the caller may do). No database access.")
    public WhoAmI whoami() {
        var actor = Roles.actor(identity);
        return new WhoAmI(actor.subject(), actor.name(), new java.util.TreeSet<>(identity.getRoles()));
    }

    private static Response found(Asset a, Object key) {
        return Response.ok(Checks.found(a, "asset", key)).tag(ETags.of(a.version())).build();
    }
}
