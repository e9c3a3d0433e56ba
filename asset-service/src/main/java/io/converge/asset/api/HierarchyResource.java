package io.converge.asset.api;

import io.converge.rest.ETags;
import io.converge.rest.DomainException;
import io.converge.asset.domain.Hierarchy;
import io.converge.asset.domain.HierarchyNode;
import io.converge.asset.domain.NodeLevel;
import io.converge.asset.store.AuditLog;
import io.converge.asset.store.HierarchyRepository;
import io.converge.asset.store.Keyset;
import io.converge.asset.store.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ISA-95 equipment hierarchy. The path says "sites" (that is what the gateway routes and what users look for
 * first), but it serves every level: enterprise → site → area → line → cell.
 */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Hierarchy", description = "The whole ISA-95 equipment hierarchy, not only sites: enterprise → site →"
        + " area → line → cell. Each node's parent is exactly one level above; an enterprise is a root. siteId,"
        + " lineId and path (ancestor ids, root first) are derived from the parent at creation; a node never moves.")
public class HierarchyResource {

    private static final String ENTITY = "node";

    private final Pool pool;
    private final HierarchyRepository nodes;
    private final AuditLog audit;
    private final QueryParams params;
    private final SecurityIdentity identity;

    public HierarchyResource(Pool pool, HierarchyRepository nodes, AuditLog audit, QueryParams params,
            SecurityIdentity identity) {
        this.pool = pool;
        this.nodes = nodes;
        this.audit = audit;
        this.params = params;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Create a hierarchy node (any level)",
            description = "The parent must be exactly one level above (422 otherwise); a duplicate code is a 409.")
    public Uni<Response> create(@Valid @NotNull NodeInput body, UriInfo uri) {
        UUID id = UUID.randomUUID();
        String code = body.code().trim();
        return pool.withTransaction(c -> (body.parentId() == null ? Uni.createFrom().<HierarchyNode>nullItem()
                : nodes.findForShare(c, body.parentId()))
                .flatMap(parent -> {
                    Hierarchy.checkParent(body.level(), body.parentId(), parent);
                    Hierarchy.Derived d = Hierarchy.derive(id, body.level(), parent);
                    return nodes.insert(c, id, body.level(), code, body.name().trim(),
                            NodeInput.blankToNull(body.description()), body.parentId(), d);
                })
                .call(n -> audit.add(c, ENTITY, id, "created", Roles.actor(identity), null, n)))
                .map(n -> Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                        .tag(ETags.of(n.version())).entity(n).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List hierarchy nodes of every level",
            description = "Filters: level, parentId, q (name or code contains). sort: name, code, level, createdAt"
                    + " (prefix - for descending). Cursor pagination: pass nextCursor back as cursor.")
    public Uni<Page<HierarchyNode>> list(@QueryParam("level") String level, @QueryParam("parentId") String parentId,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        NodeLevel lvl = parseLevel(level);
        int n = params.limit(limit);
        Keyset<HierarchyNode> keyset = new Keyset<>(HierarchyRepository.SORTABLE, "n.id", HierarchyNode::id, sort,
                "name");
        return nodes.list(new HierarchyRepository.Filter(lvl,
                QueryParams.uuid("parentId", parentId), QueryParams.text("q", q, 200)), keyset, cursor, n);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One hierarchy node (ETag = version)")
    public Uni<Response> get(@PathParam("id") String rawId) {
        UUID id = QueryParams.uuid("id", rawId);
        return nodes.find(id).map(n -> withTag(Checks.found(n, "hierarchy node", id)));
    }

    @GET
    @Path("by-code/{code}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One hierarchy node by its code")
    public Uni<Response> byCode(@PathParam("code") String code) {
        return nodes.findByCode(code).map(n -> withTag(Checks.found(n, "hierarchy node", code)));
    }

    @GET
    @Path("{id}/tree")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The subtree under a node as nested JSON",
            description = "Children are ordered by code; assetCount counts assets placed directly in a node,"
                    + " totalAssetCount those in the node and everything below it.")
    public Uni<Hierarchy.TreeNode> tree(@PathParam("id") String rawId) {
        UUID id = QueryParams.uuid("id", rawId);
        return nodes.subtree(id).map(t -> Checks.found(t, "hierarchy node", id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Replace code, name and description (If-Match required)",
            description = "A node never moves: a different parentId or level is a 409.")
    public Uni<Response> replace(@PathParam("id") String rawId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull NodeUpdate body) {
        UUID id = QueryParams.uuid("id", rawId);
        Long expected = ETags.required(ifMatch);
        return pool.withTransaction(c -> nodes.findForUpdate(c, id).flatMap(before -> {
            Checks.found(before, "hierarchy node", id);
            Checks.version(expected, before.version());
            if (body.parentId() != null && !body.parentId().equals(before.parentId())) {
                throw DomainException.conflict("a node cannot move: its parent is " + before.parentId()
                        + "; create a new node under the other parent instead");
            }
            if (body.level() != null && body.level() != before.level()) {
                throw DomainException.conflict("a node's level cannot change (it is a " + before.level() + ")");
            }
            return nodes.update(c, id, body.code().trim(), body.name().trim(),
                    NodeInput.blankToNull(body.description()))
                    .call(after -> audit.add(c, ENTITY, id, "updated", Roles.actor(identity), before, after));
        })).map(this::withTag);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Delete a node without children, assets or zones (optional If-Match)")
    public Uni<Response> delete(@PathParam("id") String rawId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID id = QueryParams.uuid("id", rawId);
        Long expected = ETags.optional(ifMatch);
        return pool.withTransaction(c -> nodes.findForUpdate(c, id).flatMap(before -> {
            Checks.found(before, "hierarchy node", id);
            Checks.version(expected, before.version());
            return nodes.references(c, id).flatMap(refs -> {
                if (!refs.isEmpty()) {
                    throw DomainException.conflict("node " + before.code() + " is still used by "
                            + String.join(", ", refs) + "; remove or move them first");
                }
                return nodes.delete(c, id)
                        .call(() -> audit.add(c, ENTITY, id, "deleted", Roles.actor(identity), before, null));
            });
        })).map(v -> Response.noContent().build());
    }

    static NodeLevel parseLevel(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            return NodeLevel.parse(level.trim());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("level " + e.getMessage());
        }
    }

    private Response withTag(HierarchyNode n) {
        return Response.ok(n).tag(ETags.of(n.version())).build();
    }
}
