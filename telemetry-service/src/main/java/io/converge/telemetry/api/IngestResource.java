package io.converge.telemetry.api;

import io.converge.rest.RoleNames;
import io.converge.telemetry.config.TelemetryConfig;
import io.converge.telemetry.domain.IngestResult;
import io.converge.telemetry.ingest.IngestService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * HTTP ingest for gateways and devices: a JSON array or NDJSON of points, answered once the accepted points are
 * committed, with accepted / duplicate / rejected counts and the reason of each rejection.
 */
@Path("/api/v1/telemetry/points")
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    public static final String NDJSON = "application/x-ndjson";
    private final IngestService ingest;
    private final TelemetryConfig config;

    public IngestResource(IngestService ingest, TelemetryConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({RoleNames.DEVICE, RoleNames.ENGINEER})
    @Operation(summary = "Ingest a JSON array of points")
    public Uni<IngestResult> json(byte[] body, @Context HttpServerRequest request) {
        String source = source(request);
        return ingest.ingest(PointReader.array(body, config.ingest().maxBatch(), null), "http", tag -> source);
    }

    @POST
    @Consumes(NDJSON)
    @RolesAllowed({RoleNames.DEVICE, RoleNames.ENGINEER})
    @Operation(summary = "Ingest newline-delimited JSON points")
    public Uni<IngestResult> ndjson(byte[] body, @Context HttpServerRequest request) {
        String source = source(request);
        return ingest.ingest(PointReader.ndjson(body, config.ingest().maxBatch()), "http", tag -> source);
    }

    private static String source(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
