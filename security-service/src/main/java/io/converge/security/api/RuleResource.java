package io.converge.security.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.RoleNames;
import io.converge.security.domain.AttackIcs;
import io.converge.security.rules.RuleBook;
import io.converge.security.store.RuleStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Detection rules as data (security-analyst): list, read, create, replace (If-Match), delete (If-Match), their
 * versions, a dry-run validation, and the ATT&CK for ICS technique catalog rules may name.
 */
@Path("/api/v1/security")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(RoleNames.SECURITY_ANALYST)
public class RuleResource {

    /** A rule as answered: its definition plus version and provenance. */
    public record RuleView(String id, int version, boolean enabled, boolean shipped, Instant updatedAt,
            String updatedBy, JsonNode definition) {
    }

    /** A version of a rule; {@code definition} null when it was deleted in that version. */
    public record VersionView(int version, String change, Instant changedAt, String changedBy, JsonNode definition) {
    }

    private final RuleBook book;
    private final RuleStore store;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public RuleResource(RuleBook book, RuleStore store, ObjectMapper json, SecurityIdentity identity) {
        this.book = book;
        this.store = store;
        this.json = json;
        this.identity = identity;
    }

    @GET
    @Path("rules")
    @Operation(summary = "Every rule (filters: enabled, technique)")
    public Uni<List<RuleView>> list(@QueryParam("enabled") Boolean enabled,
            @QueryParam("technique") String technique) {
        return store.all().map(rows -> rows.stream().map(this::view)
                .filter(r -> enabled == null || r.enabled() == enabled)
                .filter(r -> technique == null || r.definition().path("mitre").toString().contains("\"" + technique
                        + "\""))
                .toList());
    }

    @GET
    @Path("rules/{id}")
    @Operation(summary = "One rule (ETag = its version)")
    public Uni<Response> get(@PathParam("id") String id) {
        return store.get(store.pool(), id, false).map(r -> {
            if (r == null) {
                throw DomainException.notFound("rule", id);
            }
            return Response.ok(view(r)).tag(ETags.of(r.version())).build();
        });
    }

    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a rule", description = "422 for an invalid rule: bad regex, unknown field, unknown"
            + " technique, a chain on a rule that does not exist …, with every problem in errors[]; 409 if the id"
            + " exists.")
    public Uni<Response> create(String body, @Context UriInfo uri) {
        JsonNode def = parse(body);
        return book.create(def, actor()).map(r -> Response.created(uri.getAbsolutePathBuilder().path(r.id()).build())
                .tag(ETags.of(r.version())).entity(view(r)).build());
    }

    @PUT
    @Path("rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a rule (new version); needs If-Match")
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        JsonNode def = parse(body);
        Long expected = ETags.required(ifMatch);
        return book.replace(id, def, expected, actor())
                .map(r -> Response.ok(view(r)).tag(ETags.of(r.version())).build());
    }

    @DELETE
    @Path("rules/{id}")
    @Operation(summary = "Delete a rule (its versions stay); needs If-Match; 409 while other rules chain on it")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Long expected = ETags.required(ifMatch);
        return book.delete(id, expected, actor()).map(x -> Response.noContent().build());
    }

    @GET
    @Path("rules/{id}/versions")
    @Operation(summary = "Every version of a rule, newest first")
    public Uni<List<VersionView>> versions(@PathParam("id") String id) {
        return store.versions(id).map(vs -> {
            if (vs.isEmpty()) {
                throw DomainException.notFound("rule", id);
            }
            return vs.stream().map(v -> new VersionView(v.version(), v.change(), v.changedAt(), v.changedBy(),
                    v.definition() == null ? null : tree(v.definition()))).toList();
        });
    }

    @POST
    @Path("rules/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a rule without storing it: 200 when valid, 422 with its problems")
    public Response validate(String body) {
        book.validate(parse(body), null);
        return Response.ok(java.util.Map.of("valid", true)).build();
    }

    @GET
    @Path("techniques")
    @Operation(summary = "The MITRE ATT&CK for ICS techniques rules may name")
    public List<AttackIcs.Technique> techniques() {
        return AttackIcs.all();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode n = json.readTree(body == null ? "" : body);
            if (n == null || n.isMissingNode()) {
                throw DomainException.badRequest("the body is empty: send a rule as JSON");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw DomainException.badRequest("the body is not valid JSON: " + io.converge.rest.JsonShapes.parseError(e));
        }
    }

    private RuleView view(RuleStore.StoredRule r) {
        return new RuleView(r.id(), r.version(), r.enabled(), r.shipped(), r.updatedAt(), r.updatedBy(),
                tree(r.definition()));
    }

    private JsonNode tree(String s) {
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
