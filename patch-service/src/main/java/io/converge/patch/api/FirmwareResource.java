package io.converge.patch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.PatchEventTypes;
import io.converge.outbox.OutboxStore;
import io.converge.patch.config.PatchConfig;
import io.converge.patch.domain.FirmwareRevoked;
import io.converge.patch.domain.FirmwareState;
import io.converge.patch.messaging.FirmwareEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.ArtifactStore;
import io.converge.patch.store.Cursors;
import io.converge.patch.store.FirmwareRepository;
import io.converge.patch.store.FirmwareRepository.Firmware;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.FieldError;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The firmware catalog: engineers upload signed artifacts and release or revoke them; viewers (and devices) read the
 * catalog and download artifacts. States: uploaded (transient) → verified → released → revoked; an illegal change
 * → 409.
 */
@Path("/api/v1/firmware")
@Produces(MediaType.APPLICATION_JSON)
public class FirmwareResource {

    private final FirmwareRepository firmware;
    private final FirmwareUploads uploads;
    private final ArtifactStore artifacts;
    private final Pool pool;
    private final OutboxStore outbox;
    private final FirmwareEvents events;
    private final PatchOutboxRelay relay;
    private final Event<FirmwareRevoked> revoked;
    private final SecurityIdentity identity;
    private final PatchConfig config;
    private final ObjectMapper json;

    public FirmwareResource(FirmwareRepository firmware, FirmwareUploads uploads, ArtifactStore artifacts, Pool pool,
            OutboxStore outbox, FirmwareEvents events, PatchOutboxRelay relay, Event<FirmwareRevoked> revoked,
            SecurityIdentity identity, PatchConfig config, ObjectMapper json) {
        this.firmware = firmware;
        this.uploads = uploads;
        this.artifacts = artifacts;
        this.pool = pool;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.revoked = revoked;
        this.identity = identity;
        this.config = config;
        this.json = json;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Upload a signed artifact (the body, streamed) with its metadata as query parameters",
            description = "vendor, version, model (repeatable or comma-separated), sha256 (hex), signature (base64 of"
                    + " the detached signature over the SHA-256 digest), optional keyId and releaseNotes. 201 verified;"
                    + " digest or signature mismatch → 422 + security event; unknown key → 422; duplicate → 409;"
                    + " over converge.firmware.max-size → 413")
    public Response upload(@QueryParam("vendor") String vendor, @QueryParam("version") String version,
            @QueryParam("model") List<String> models, @QueryParam("releaseNotes") String releaseNotes,
            @QueryParam("sha256") String sha256, @QueryParam("signature") String signature,
            @QueryParam("keyId") String keyId, @Context HttpServerRequest request, InputStream body) {
        UploadRequest req = UploadRequest.parse(vendor, version, models, releaseNotes, sha256, signature, keyId);
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        Firmware f = uploads.upload(req, body,
                new FirmwareUploads.Caller(identity.getPrincipal().getName(), address));
        return Response.created(URI.create("/api/v1/firmware/" + f.id())).tag(ETags.of(f.revision())).entity(f)
                .build();
    }

    @GET
    @RolesAllowed({RoleNames.VIEWER, RoleNames.DEVICE})
    @Operation(summary = "The catalog, newest first; filters vendor, model (compatible with), state; limit + cursor")
    public Uni<FirmwareRepository.Page> list(@QueryParam("vendor") String vendor, @QueryParam("model") String model,
            @QueryParam("state") String state, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (state != null && FirmwareState.parse(state).isEmpty()) {
            throw DomainException.badRequest("state must be one of verified, released, revoked");
        }
        FirmwareRepository.Cursor after = cursor == null ? null : Cursors.decode(cursor)
                .orElseThrow(() -> DomainException.badRequest("cursor is not a cursor this service issued"));
        return firmware.list(Params.name("vendor", vendor), Params.name("model", model), state, after,
                RequestParams.limit(limit, config.firmware().defaultLimit(), config.firmware().maxLimit()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({RoleNames.VIEWER, RoleNames.DEVICE})
    @Operation(summary = "One entry's metadata; ETag = its revision")
    public Uni<Response> get(@PathParam("id") String id) {
        return find(RequestParams.uuid("id", id)).map(f -> Response.ok(f).tag(ETags.of(f.revision())).build());
    }

    @POST
    @Path("{id}/release")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "verified → released (campaigns may use it); optional If-Match")
    public Uni<Response> release(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return transition(RequestParams.uuid("id", id), FirmwareState.RELEASED, ETags.optional(ifMatch), null);
    }

    @POST
    @Path("{id}/revoke")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "verified|released → revoked (final); optional body {\"reason\":…}; optional If-Match")
    public Uni<Response> revoke(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) throws JsonProcessingException {
        // the body is optional, with or without a Content-Type: read here rather than by the framework
        RevokeInput in = body == null || body.isBlank() ? null : json.readValue(body, RevokeInput.class);
        String reason = in == null || in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
        if (reason != null && reason.length() > RevokeInput.MAX_REASON) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the request has invalid fields",
                    List.of(FieldError.of("reason", "at most " + RevokeInput.MAX_REASON + " characters")));
        }
        return transition(RequestParams.uuid("id", id), FirmwareState.REVOKED, ETags.optional(ifMatch), reason);
    }

    @GET
    @Path("{id}/artifact")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @RolesAllowed({RoleNames.VIEWER, RoleNames.DEVICE})
    @Operation(summary = "Download the artifact: ETag = \"<sha256>\", Range (206/416), If-None-Match (304);"
            + " revoked → 410")
    public Uni<Response> artifact(@PathParam("id") String id, @HeaderParam("Range") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("If-Range") String ifRange,
            @Context UriInfo uri) {
        return find(RequestParams.uuid("id", id)).map(f -> {
            if (!FirmwareRepository.DOWNLOADABLE.contains(f.state())) {
                throw new WebApplicationException("firmware " + f.id() + " is " + f.state()
                        + ": its artifact is no longer served", Response.Status.GONE);
            }
            java.nio.file.Path file = artifacts.resolve(f.storagePath());
            if (!java.nio.file.Files.isReadable(file)) {
                throw new IllegalStateException("the artifact file of firmware " + f.id() + " is missing: " + file);
            }
            return ArtifactResponses.of(f, file, range, ifNoneMatch, ifRange, uri);
        });
    }

    private Uni<Firmware> find(UUID id) {
        return firmware.find(id).map(f -> f.orElseThrow(() -> DomainException.notFound("firmware", id)));
    }

    private Uni<Response> transition(UUID id, FirmwareState target, Long expected, String reason) {
        String actor = identity.getPrincipal().getName();
        String type = target == FirmwareState.RELEASED ? PatchEventTypes.FIRMWARE_RELEASED
                : PatchEventTypes.FIRMWARE_REVOKED;
        return pool.withTransaction(c -> firmware.transition(c, id, target, expected, actor, reason)
                .call(t -> t.isEmpty() ? Uni.createFrom().voidItem()
                        : outbox.add(c, events.changed(type, t.get().firmware(), t.get().previousState(), actor))))
                .flatMap(t -> {
                    if (t.isPresent()) {
                        relay.kick();
                        Firmware f = t.get().firmware();
                        if (target == FirmwareState.REVOKED) {
                            revoked.fireAsync(new FirmwareRevoked(f.id(), f.vendor(), f.version(), actor,
                                    f.revokedAt(), f.revokeReason()));
                        }
                        return Uni.createFrom().item(Response.ok(f).tag(ETags.of(f.revision())).build());
                    }
                    return find(id).map(f -> {
                        if (expected != null && f.revision() != expected) {
                            throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "firmware " + id
                                    + " changed (revision " + f.revision() + "); read it again");
                        }
                        throw DomainException.conflict("firmware " + id + " is " + f.state() + ": it cannot become "
                                + target.wire() + " (only from " + String.join(" or ", target.allowedFrom().stream()
                                        .map(FirmwareState::wire).toList()) + ")");
                    });
                });
    }
}
