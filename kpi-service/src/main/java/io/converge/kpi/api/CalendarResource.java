package io.converge.kpi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.ShiftCalendar;
import io.converge.kpi.store.CalendarRepository;
import io.converge.kpi.store.CalendarRepository.StoredCalendar;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.ETags;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Shift calendars per site (PUT creates, or replaces with If-Match) and the planned busy time they give for a window:
 * the PBT of OEE's availability.
 */
@Path("/api/v1/kpis/calendars/{site}")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarResource {

    /** A calendar as answered. */
    public record CalendarView(UUID siteId, CalendarInput calendar, long version, Instant updatedAt,
            String updatedBy) {
    }

    /** Planned busy time of a window, in seconds, with the busy periods. */
    public record PlannedBusy(UUID siteId, Instant from, Instant to, long plannedBusySeconds, List<Interval> periods) {
    }

    private static final Duration MAX_WINDOW = Duration.ofDays(400);
    private final CalendarRepository calendars;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public CalendarResource(CalendarRepository calendars, ObjectMapper json, SecurityIdentity identity) {
        this.calendars = calendars;
        this.json = json;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    public Uni<Response> get(@PathParam("site") String site) {
        UUID key = RequestParams.uuid("site", site);
        return calendars.find(key).map(c -> c.map(this::ok)
                .orElseThrow(() -> DomainException.notFound("shift calendar of site", key)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Set the shift calendar of a site (create, or replace with If-Match)")
    public Uni<Response> put(@PathParam("site") String site, @Valid @NotNull CalendarInput body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID key = RequestParams.uuid("site", site);
        domain(body);
        String doc = write(body);
        String actor = identity.getPrincipal().getName();
        if (ifMatch != null && !ifMatch.isBlank()) {
            Long expected = ETags.required(ifMatch);
            return calendars.replace(key, doc, expected, actor).flatMap(r -> r.isPresent()
                    ? Uni.createFrom().item(ok(r.get()))
                    : calendars.find(key).map(c -> {
                        throw c.isPresent() ? new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                                "the calendar changed (version " + c.get().version() + "); read it again")
                                : DomainException.notFound("shift calendar of site", key);
                    }));
        }
        return calendars.insert(key, doc, actor).map(c -> c.map(s -> Response
                .created(URI.create("/api/v1/kpis/calendars/" + key)).tag(ETags.of(s.version())).entity(view(s))
                .build()).orElseThrow(() -> new DomainException(DomainException.Kind.PRECONDITION_REQUIRED,
                        "site " + key + " has a calendar: replace it with If-Match (its ETag)")));
    }

    @GET
    @Path("planned-busy")
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Planned busy time (PBT) of [from, to): shifts minus breaks minus planned downtime")
    public Uni<PlannedBusy> plannedBusy(@PathParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        UUID key = RequestParams.uuid("site", site);
        if (from == null || to == null) {
            throw DomainException.badRequest("from and to are required");
        }
        Instant start = RequestParams.instant("from", from);
        Instant end = RequestParams.instant("to", to);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw DomainException.badRequest("from must be before to, at most " + MAX_WINDOW.toDays() + " days apart");
        }
        return calendars.find(key).map(c -> {
            StoredCalendar s = c.orElseThrow(() -> DomainException.notFound("shift calendar of site", key));
            List<Interval> busy = domain(read(s.document())).plannedBusy(start, end);
            long seconds = busy.stream().mapToLong(i -> Duration.between(i.start(), i.end()).toSeconds()).sum();
            return new PlannedBusy(key, start, end, seconds, busy);
        });
    }

    private static ShiftCalendar domain(CalendarInput in) {
        try {
            return in.toDomain();
        } catch (DateTimeException | IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
    }

    private Response ok(StoredCalendar s) {
        return Response.ok(view(s)).tag(ETags.of(s.version())).build();
    }

    private CalendarView view(StoredCalendar s) {
        return new CalendarView(s.siteId(), read(s.document()), s.version(), s.updatedAt(), s.updatedBy());
    }

    private String write(CalendarInput in) {
        try {
            return json.writeValueAsString(in);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CalendarInput read(String doc) {
        try {
            return json.readValue(doc, CalendarInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar unreadable", e);
        }
    }
}
