package io.converge.telemetry.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** asset-service's asset list, read with telemetry-service's own client-credentials token. */
@RegisterRestClient(configKey = "asset-registry")
@OidcClientFilter
@Path("/api/v1/assets")
public interface RegistryClient {

    @GET
    Uni<AssetPage> list(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor);

    /** One page of assets (a tolerant reader: fields telemetry does not need are ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssetPage(List<AssetItem> items, String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssetItem(UUID id, String tag, UUID siteId, String status, Map<String, String> labels, long version) {
    }
}
