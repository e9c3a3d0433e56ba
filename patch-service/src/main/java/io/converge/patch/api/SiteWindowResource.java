package io.converge.patch.api;

import io.converge.patch.domain.MaintenanceWindow;
import io.converge.patch.store.SiteWindowRepository;
import io.converge.patch.store.SiteWindowRepository.SiteWindow;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.FieldError;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Maintenance windows per site: devices of the site are offered updates only while it is open. PUT creates (201) or
 * replaces (If-Match required: 428 without, 412 stale); an invalid cron expression, duration or zone is 422.
 */
@Path("/api/v1/campaigns/windows")
@Produces(MediaType.APPLICATION_JSON)
public class SiteWindowResource {

    private static final Duration MAX_DURATION = Duration.ofDays(7);

    /** A window with whether it is open at {@code at} and when it closes or next opens. */
    public record View(UUID siteId, String cron, Duration duration, String zone, long version, Instant updatedAt,
            String updatedBy, Instant at, boolean open, Instant closesAt, Instant nextOpening) {

        static View of(SiteWindow w, Instant at) {
            MaintenanceWindow m = MaintenanceWindow.of(w.cron(), w.duration(), w.zone());
            boolean open = m.isOpen(at);
            return new View(w.siteId(), w.cron(), w.duration(), w.zone(), w.version(), w.updatedAt(), w.updatedBy(), at,
                    open, open ? m.closesAt(at).orElse(null) : null, m.nextOpening(at).orElse(null));
        }
    }

    private final SiteWindowRepository windows;
    private final SecurityIdentity identity;

    public SiteWindowResource(SiteWindowRepository windows, SecurityIdentity identity) {
        this.windows = windows;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Every site's maintenance window, with whether it is open now")
    public Uni<List<View>> list() {
        Instant now = Instant.now();
        return windows.all().map(l -> l.stream().map(w -> View.of(w, now)).toList());
    }

    @GET
    @Path("{site}")
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "A site's maintenance window; open at ?at= (default now), when it closes or next opens")
    public Uni<Response> get(@PathParam("site") String site, @QueryParam("at") String at) {
        UUID id = RequestParams.uuid("site", site);
        Instant when = at == null ? Instant.now() : RequestParams.instant("at", at);
        return windows.find(id).map(w -> Response.ok(View.of(w.orElseThrow(
                () -> DomainException.notFound("maintenance window of site", site)), when))
                .tag(ETags.of(w.get().version())).build());
    }

    @PUT
    @Path("{site}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Set a site's maintenance window (create, or replace with If-Match)")
    public Uni<Response> put(@PathParam("site") String site, @Valid @NotNull SiteWindowInput body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID id = RequestParams.uuid("site", site);
        MaintenanceWindow m = check(body);
        String actor = identity.getPrincipal().getName();
        Instant now = Instant.now();
        if (ifMatch != null && !ifMatch.isBlank()) {
            long expected = ETags.required(ifMatch);
            return windows.replace(id, m.cron(), m.duration(), body.zone().trim(), expected, actor)
                    .flatMap(r -> r.isPresent() ? Uni.createFrom().item(ok(r.get(), now)) : stale(id, site));
        }
        return windows.insert(id, m.cron(), m.duration(), body.zone().trim(), actor).map(created -> created
                .map(w -> Response.created(URI.create("/api/v1/campaigns/windows/" + id)).tag(ETags.of(w.version()))
                        .entity(View.of(w, now)).build())
                .orElseThrow(() -> new DomainException(DomainException.Kind.PRECONDITION_REQUIRED,
                        "site " + id + " has a maintenance window: replace it with If-Match (its ETag)")));
    }

    @DELETE
    @Path("{site}")
    @RolesAllowed(RoleNames.ENGINEER)
    public Uni<Response> delete(@PathParam("site") String site, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID id = RequestParams.uuid("site", site);
        return windows.delete(id, ETags.optional(ifMatch)).flatMap(n -> n > 0
                ? Uni.createFrom().item(Response.noContent().build()) : stale(id, site));
    }

    private Uni<Response> stale(UUID id, String site) {
        return windows.find(id).map(w -> {
            throw w.isPresent() ? new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                    "the maintenance window changed (version " + w.get().version() + "); read it again")
                    : DomainException.notFound("maintenance window of site", site);
        });
    }

    private static Response ok(SiteWindow w, Instant now) {
        return Response.ok(View.of(w, now)).tag(ETags.of(w.version())).build();
    }

    /** The window the input describes, or 422 naming the field that is wrong. */
    static MaintenanceWindow check(SiteWindowInput in) {
        String field = "cron";
        try {
            MaintenanceWindow.parse(in.cron());
            field = "zone";
            MaintenanceWindow.zone(in.zone().trim());
            field = "duration";
            if (in.duration().compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("maintenance window duration must be at most " + MAX_DURATION);
            }
            return MaintenanceWindow.of(in.cron(), in.duration(), in.zone().trim());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw DomainException.unprocessable("invalid maintenance window",
                    List.of(FieldError.of(field, e.getMessage())));
        }
    }
}
