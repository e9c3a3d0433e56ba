package io.converge.security.context;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** asset-service, called with security-service's own client-credentials token: zones, conduits, quarantine. */
@RegisterRestClient(configKey = "asset-registry")
@OidcClientFilter
@Path("/api/v1")
public interface AssetRegistryClient {

    @GET
    @Path("zones")
    Uni<Page<Zone>> zones(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor);

    @GET
    @Path("zones/conduits")
    Uni<Page<Conduit>> conduits(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor);

    /** The asset (its ETag is the version a status change must name). */
    @GET
    @Path("assets/{id}")
    Uni<Response> asset(@PathParam("id") UUID id);

    @POST
    @Path("assets/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            StatusChange body);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> items, String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Zone(UUID id, String name, UUID siteId, int slTarget) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Conduit(UUID id, String name, UUID fromZoneId, UUID toZoneId) {
    }

    record StatusChange(String status, String reason) {
    }
}
