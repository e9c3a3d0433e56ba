package io.converge.telemetry.registry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls to asset-service guarded by SmallRye Fault Tolerance: timeout, retry with jitter, circuit breaker. */
@ApplicationScoped
public class AssetRegistry {

    private final RegistryClient client;

    public AssetRegistry(@RestClient RegistryClient client) {
        this.client = client;
    }

    @Timeout(10_000)
    @Retry(maxRetries = 3, delay = 500, jitter = 250)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 15_000)
    public Uni<RegistryClient.AssetPage> page(int limit, String cursor) {
        return client.list(limit, cursor);
    }
}
