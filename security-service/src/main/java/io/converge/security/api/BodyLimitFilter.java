package io.converge.security.api;

import io.converge.rest.BodyLimit;
import io.converge.security.config.SecurityConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses bodies over {@code converge.security.intake.max-body-size} with 413 problem+json, before reading them. */
public class BodyLimitFilter {

    private final SecurityConfig config;

    public BodyLimitFilter(SecurityConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext ctx) {
        return BodyLimit.check(ctx, config.intake().maxBodySize().asLongValue());
    }
}
