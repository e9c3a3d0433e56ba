package io.converge.kpi.api;

import io.converge.kpi.domain.Validation;
import io.converge.kpi.store.OrderRepository;
import io.converge.kpi.store.OrderRepository.Order;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Production orders from the ERP: engineers record them, viewers list them by line and time window. */
@Path("/api/v1/kpis/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private static final int MAX_LIST = 500;
    private final OrderRepository orders;
    private final SecurityIdentity identity;

    public OrderResource(OrderRepository orders, SecurityIdentity identity) {
        this.orders = orders;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Record a production order (order number unique: 409 on a repeat)")
    public Uni<Response> create(@Valid @NotNull OrderInput body) {
        if (!body.endsAt().isAfter(body.startsAt())) {
            throw DomainException.badRequest("endsAt must be after startsAt");
        }
        return orders.insert(body, identity.getPrincipal().getName()).map(o -> Response
                .created(URI.create("/api/v1/kpis/orders/" + o.id())).entity(o).build());
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Orders overlapping [from, to) (default: the last 7 days), optionally of one line")
    public Uni<List<Order>> list(@QueryParam("line") String line, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Instant end = to == null ? Instant.now() : RequestParams.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : RequestParams.instant("from", from);
        try {
            Validation.requireWindow(start, end);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
        return orders.overlapping(line == null ? null : RequestParams.uuid("line", line), start, end, MAX_LIST);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.VIEWER)
    public Uni<Order> get(@PathParam("id") String id) {
        UUID key = RequestParams.uuid("id", id);
        return orders.find(key).map(o -> o.orElseThrow(() -> DomainException.notFound("production order", key)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(RoleNames.ENGINEER)
    public Uni<Response> delete(@PathParam("id") String id) {
        UUID key = RequestParams.uuid("id", id);
        return orders.delete(key).map(n -> {
            if (n == 0) {
                throw DomainException.notFound("production order", key);
            }
            return Response.noContent().build();
        });
    }


}
