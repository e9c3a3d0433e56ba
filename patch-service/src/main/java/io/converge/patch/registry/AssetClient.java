package io.converge.patch.registry;

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

/** asset-service's asset list, read with patch-service's own client-credentials token. */
@RegisterRestClient(configKey = "asset-registry")
@OidcClientFilter
@Path("/api/v1/assets")
public interface AssetClient {

    /** One page of assets matching the filters asset-service knows (every one optional; repeated ones OR-ed). */
    @GET
    Uni<AssetPage> list(@QueryParam("site") UUID site, @QueryParam("line") UUID line,
            @QueryParam("type") List<String> type, @QueryParam("zone") UUID zone,
            @QueryParam("criticality") List<String> criticality, @QueryParam("firmwareVersion") String firmware,
            @QueryParam("label") List<String> labels, @QueryParam("status") List<String> status,
            @QueryParam("limit") int limit, @QueryParam("cursor") String cursor);

    /** One page of assets (a tolerant reader: fields a campaign does not need are ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssetPage(List<Asset> items, String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Asset(UUID id, String tag, String type, String model, UUID siteId, UUID lineId, UUID zoneId,
            String criticality, String firmwareVersion, String status, Map<String, String> labels) {
    }
}
