package io.converge.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a body over a limit with 413 problem+json from its Content-Length, before anything is read. Services call
 * it from a pre-matching request filter with the limit of the route; the HTTP layer's
 * {@code quarkus.http.limits.max-body-size} stays the hard ceiling for bodies sent without a Content-Length.
 */
public final class BodyLimit {

    private BodyLimit() {
    }

    public static Optional<Response> check(ContainerRequestContext ctx, long max) {
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
        if (size > max) {
            return Optional.of(Problem.of(413, "payload-too-large", "Payload Too Large",
                    "the body has " + size + " bytes; this endpoint accepts at most " + max,
                    ctx.getUriInfo().getRequestUri().getRawPath(), List.of()).toResponse().build());
        }
        return Optional.empty();
    }
}
