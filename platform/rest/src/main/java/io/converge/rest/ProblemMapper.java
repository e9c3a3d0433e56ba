package io.converge.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error is {@code application/problem+json} (RFC 9457), never a
 * stack trace. Exception → status table: DomainException by kind; malformed JSON, unknown field, wrong type or enum →
 * 400; bean validation → 400 with errors[]; missing/invalid token → 401; wrong role → 403; unique violation → 409;
 * database unreachable or lost mid-request (any {@link TransientFailures}) → 503 with Retry-After; anything else →
 * 500 (logged).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        int status = e.status();
        String slug = e.kind().name().toLowerCase().replace('_', '-');
        Response r = problem(status, slug, e.getMessage(), uri, e.errors());
        return status == 503 ? Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, "5").build() : r;
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> FieldError.of(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field)).toList();
        return problem(400, "validation", "the request has invalid fields", uri, errors);
    }

    @ServerExceptionMapper({UnrecognizedPropertyException.class})
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return problem(400, "unknown-field", "unknown field '" + e.getPropertyName() + "'", uri,
                List.of(FieldError.of(path(e), "unknown field")));
    }

    @ServerExceptionMapper({InvalidFormatException.class})
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        if (e instanceof RefusedValue) {
            String field = path(e);
            return problem(400, "invalid-value", (field.isEmpty() ? "a value " : field + " ") + e.getOriginalMessage(),
                    uri, List.of(FieldError.of(field, e.getOriginalMessage())));
        }
        String allowed = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "; allowed: " + java.util.Arrays.stream(e.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "))
                : "";
        String value = e.getValue() == null ? "" : " '" + safe(String.valueOf(e.getValue())) + "'";
        return problem(400, "invalid-value", "invalid value" + value + allowed, uri,
                List.of(FieldError.of(path(e), "invalid value" + allowed)));
    }

    @ServerExceptionMapper({com.fasterxml.jackson.databind.exc.MismatchedInputException.class})
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        // registered for the exact type: the framework's own mapper for it would otherwise answer an empty 400
        return mapping(e, uri);
    }

    @ServerExceptionMapper({JsonMappingException.class})
    public Response mapping(JsonMappingException e, UriInfo uri) {
        // Jackson's own messages name Java types ("Cannot deserialize value of type `java.util.UUID`…"): the caller
        // is told what JSON was expected instead
        String expected = JsonShapes.expected(e);
        return problem(400, "malformed-body", "the body does not match the expected shape: " + expected, uri,
                List.of(FieldError.of(path(e), expected)));
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return problem(400, "malformed-json", "malformed JSON: " + JsonShapes.parseError(e), uri, List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(Exception e, UriInfo uri) {
        return Response.fromResponse(problem(401, "unauthorized", "a valid bearer token is required", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"converge\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", e.getMessage() != null && !e.getMessage().isBlank()
                ? e.getMessage() : "your roles do not allow this", uri, List.of());
    }

    @ServerExceptionMapper
    public Response notUtf8(java.io.CharConversionException e, UriInfo uri) {
        return problem(400, "malformed-body", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e instanceof jakarta.ws.rs.NotFoundException && e.getCause() != null) {
            // JAX-RS answers a query or path parameter it cannot convert (minScore=NaN into an Integer) with 404
            return problem(400, "invalid-parameter", "a query or path parameter has a value of the wrong type", uri,
                    List.of());
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem(status, title.toLowerCase().replace(' ', '-'), e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response postgres(PgException e, UriInfo uri) {
        return switch (e.getSqlState()) {
            case "23505" -> problem(409, "conflict", "already exists (" + e.getConstraint() + ")", uri, List.of());
            case "23503" -> problem(409, "conflict", "still referenced or reference missing (" + e.getConstraint()
                    + ")", uri, List.of());
            // class 22 = data exception: the value itself is wrong (bad text such as a NUL character, out of range,
            // malformed literal), never the server
            default -> e.getSqlState() != null && e.getSqlState().startsWith("22")
                    ? problem(400, "invalid-value", e.getErrorMessage(), uri, List.of()) : unexpected(e, uri);
        };
    }

    @ServerExceptionMapper({ConnectException.class, ClosedConnectionException.class, SocketException.class})
    public Response unavailable(Exception e, UriInfo uri) {
        return unavailableProblem(e, uri);
    }

    private static Response unavailableProblem(Throwable e, UriInfo uri) {
        LOG.warnf("dependency unavailable: %s", e.toString());
        return Response.fromResponse(problem(503, "unavailable", "the database is unavailable; retry shortly", uri, List.of()))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // the database going away mid-request (connection reset, 57P01 "terminating connection due to administrator
        // command" while PostgreSQL stops, a pool timeout): 503 + Retry-After, never a 500
        if (TransientFailures.test(e)) {
            return unavailableProblem(e, uri);
        }
        LOG.error("unexpected failure", e);
        return problem(500, "internal", "unexpected error; see the service log", uri, List.of());
    }

    public static Response problem(int status, String slug, String detail, UriInfo uri, List<FieldError> errors) {
        return Problem.of(status, slug, Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error", detail,
                uri == null ? null : uri.getRequestUri().getRawPath(), errors).toResponse().build();
    }

    /** A caller's value fit to be echoed: at most 80 characters, control characters and lone surrogates as '?'. */
    static String safe(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), 81));
        for (int i = 0; i < value.length() && b.length() < 80; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                b.append(c).append(value.charAt(++i));
            } else {
                b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
            }
        }
        return b.length() < value.length() ? b.append('…').toString() : b.toString();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String leaf(String propertyPath) {
        // "create.body.tag" -> "tag": the method and parameter names mean nothing to the caller
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
