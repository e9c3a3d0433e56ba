package io.converge.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JSON travels as UTF-8 (RFC 8259 §8.1): a JSON body declared in another charset ({@code application/json;
 * charset=utf-16}) is refused with 415 problem+json before anything is read, rather than read as UTF-8 regardless.
 */
public class JsonCharset {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOtherCharsets(ContainerRequestContext ctx) {
        MediaType type = ctx.getMediaType();
        // NDJSON is left alone: HTTP clients (REST Assured among them) label text bodies ISO-8859-1 by default
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return Optional.empty();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8")
                || charset.equalsIgnoreCase("us-ascii")) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                "JSON must be sent as UTF-8, not " + ProblemMapper.safe(charset),
                ctx.getUriInfo().getRequestUri().getRawPath(), List.of()).toResponse().build());
    }
}
