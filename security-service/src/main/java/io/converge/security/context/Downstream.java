package io.converge.security.context;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The calls to asset-service and patch-service, each with SmallRye Fault Tolerance: a timeout, a circuit breaker
 * per call, and retries for the reads (the writes are not retried blindly: the caller re-reads and decides).
 * Failures reach the caller, which turns them into a clear result (response actions) or keeps its last view.
 */
@ApplicationScoped
public class Downstream {

    private final AssetRegistryClient registry;
    private final PatchClient patch;

    public Downstream(@RestClient AssetRegistryClient registry, @RestClient PatchClient patch) {
        this.registry = registry;
        this.patch = patch;
    }

    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 300, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    public Uni<AssetRegistryClient.Page<AssetRegistryClient.Zone>> zones(int limit, String cursor) {
        return registry.zones(limit, cursor);
    }

    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 300, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    public Uni<AssetRegistryClient.Page<AssetRegistryClient.Conduit>> conduits(int limit, String cursor) {
        return registry.conduits(limit, cursor);
    }

    @Timeout(3_000)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.75, delay = 20_000)
    public Uni<Response> window(UUID site, Instant at) {
        return failOn5xx(patch.window(site, at.toString()));
    }

    @Timeout(5_000)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 15_000)
    public Uni<Response> asset(UUID id) {
        return failOn5xx(registry.asset(id));
    }

    @Timeout(5_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 15_000)
    public Uni<Response> quarantine(UUID id, String etag, String reason) {
        return failOn5xx(registry.changeStatus(id, etag, new AssetRegistryClient.StatusChange("quarantined", reason)));
    }

    @Timeout(5_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 15_000)
    public Uni<Response> pause(UUID campaign, String reason) {
        return failOn5xx(patch.pause(campaign, new PatchClient.Reason(reason)));
    }

    /** A 5xx answer is a failure (counted by the circuit breaker, retried where retries are on); 4xx are answers. */
    private static Uni<Response> failOn5xx(Uni<Response> call) {
        return call.invoke(r -> {
            if (r.getStatus() >= 500) {
                throw new IllegalStateException("answered " + r.getStatus());
            }
        });
    }
}
