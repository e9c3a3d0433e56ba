package io.converge.patch.api;

import io.converge.patch.config.PatchConfig;
import io.converge.rest.BodyLimit;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over their limit with 413 problem+json from the Content-Length, before anything is read: firmware
 * uploads up to {@code converge.firmware.max-size}, everything else up to {@code converge.http.max-body-size}. Uploads
 * sent without a Content-Length are counted while they stream ({@link io.converge.patch.store.ArtifactStore}).
 */
public class BodyLimitFilter {

    private final PatchConfig config;

    public BodyLimitFilter(PatchConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext ctx) {
        boolean upload = "POST".equals(ctx.getMethod())
                && ctx.getUriInfo().getPath().replaceAll("/+$", "").equals("/api/v1/firmware");
        return BodyLimit.check(ctx, upload ? config.firmware().maxSize().asLongValue()
                : config.http().maxBodySize().asLongValue());
    }
}
