package io.converge.asset.api;

import io.converge.asset.config.AssetConfig;
import io.converge.rest.BodyLimit;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses bodies over the configured limit with 413 problem+json; bulk import has its own, larger limit. */
public class BodyLimitFilter {

    private final AssetConfig config;

    public BodyLimitFilter(AssetConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext ctx) {
        boolean isImport = ctx.getUriInfo().getPath().endsWith("/import");
        return BodyLimit.check(ctx, isImport ? config.importing().maxBodySize().asLongValue()
                : config.http().maxBodySize().asLongValue());
    }
}
