package io.converge.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem details, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
        Long errorCount) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail, String instance,
            List<FieldError> errors) {
        return new Problem("urn:converge:problem:" + slug, title, status, detail, instance, errors, null);
    }

    public Problem withErrorCount(long count) {
        return new Problem(type, title, status, detail, instance, errors, count);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
