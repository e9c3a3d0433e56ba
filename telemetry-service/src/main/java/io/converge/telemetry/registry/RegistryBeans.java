package io.converge.telemetry.registry;

import io.converge.telemetry.config.TelemetryConfig;
import io.converge.telemetry.domain.AssetView;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The registry view bean and its readiness check: not ready until the view has loaded once. */
public class RegistryBeans {

    @Produces
    @Singleton
    AssetView view(TelemetryConfig config) {
        return new AssetView(config.mqtt().sparkplugLabel());
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck viewLoaded(AssetView view) {
        return () -> HealthCheckResponse.named("asset-registry-view").status(view.loaded())
                .withData("assets", view.size()).build();
    }
}
