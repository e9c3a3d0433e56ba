package io.converge.telemetry.api;

import io.converge.rest.BodyLimit;
import io.converge.telemetry.config.TelemetryConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses ingest bodies over {@code converge.ingest.max-body-size} with 413 problem+json before reading them. */
public class BodyLimitFilter {

    private final TelemetryConfig config;

    public BodyLimitFilter(TelemetryConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext ctx) {
        return BodyLimit.check(ctx, config.ingest().maxBodySize().asLongValue());
    }
}
