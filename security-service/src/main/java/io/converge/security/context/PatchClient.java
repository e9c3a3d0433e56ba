package io.converge.security.context;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** patch-service, called with security-service's own client-credentials token: windows, pausing a campaign. */
@RegisterRestClient(configKey = "patch-service")
@OidcClientFilter
@Path("/api/v1/campaigns")
public interface PatchClient {

    /** The site's maintenance window: whether it is open at {@code at}, when it closes or next opens (404: none). */
    @GET
    @Path("windows/{site}")
    Uni<Response> window(@PathParam("site") UUID site, @QueryParam("at") String at);

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> pause(@PathParam("id") UUID id, Reason body);

    record Reason(String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Window(UUID siteId, Instant at, boolean open, Instant closesAt, Instant nextOpening) {
    }
}
