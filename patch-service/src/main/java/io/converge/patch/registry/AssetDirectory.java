package io.converge.patch.registry;

import io.converge.patch.registry.AssetClient.AssetPage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Pages of asset-service's list, guarded by SmallRye Fault Tolerance: a timeout per page, a retry with jitter (not on
 * a 4xx: the filter is wrong) and a circuit breaker, so a slow or absent asset-service fails a campaign creation
 * quickly (503) instead of holding it.
 */
@ApplicationScoped
public class AssetDirectory {

    private final AssetClient client;

    public AssetDirectory(@RestClient AssetClient client) {
        this.client = client;
    }

    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RegistryRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000,
            skipOn = RegistryRejected.class)
    public Uni<AssetPage> page(TargetQuery q, int limit, String cursor) {
        return client.list(q.site(), q.line(), q.types(), q.zone(), q.criticalities(), q.firmware(), q.labels(),
                TargetQuery.STATUSES, limit, cursor)
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    return status >= 400 && status < 500 && status != 401 && status != 403 && status != 429
                            ? new RegistryRejected(status, "asset-service rejected the target filter (" + status
                                    + ")")
                            : e;
                });
    }
}
