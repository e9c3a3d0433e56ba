package io.converge.asset.api;

import io.converge.asset.config.AssetConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over the configured limit with 413 problem+json before anything is read. Bulk import has its own,
 * larger limit; the HTTP layer's {@code quarkus.http.limits.max-body-size} is the hard ceiling for bodies sent without
 * a Content-Length.
 */
public class BodyLimitFilter {

    private final AssetConfig config;

    public BodyLimitFilter(AssetConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        long size;
        try {
            size = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.of(ProblemMapper.problem(400, "bad-request", "invalid Content-Length", null, List.of()));
        }
        boolean isImport = ctx.getUriInfo().getPath().endsWith("/import");
        long max = isImport ? config.importing().maxBodySize().asLongValue() : config.http().maxBodySize().asLongValue();
        if (size > max) {
            return Optional.of(Problem.of(413, "payload-too-large", "Payload Too Large",
                    "the body has " + size + " bytes; this endpoint accepts at most " + max,
                    ctx.getUriInfo().getRequestUri().getRawPath(), List.of()).toResponse().build());
        }
        return Optional.empty();
    }
}
