package io.converge.kpi.api;

import io.converge.kpi.domain.EnergyCost;
import io.converge.kpi.domain.Tariff;
import io.converge.kpi.store.TariffRepository;
import io.converge.kpi.store.TariffRepository.StoredTariff;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Time-of-use energy tariffs per site. A tariff that overlaps another of its site (same weekday, overlapping hours,
 * overlapping effective dates) is refused with 422 and the conflicting slots in {@code errors[]}.
 */
@Path("/api/v1/kpis/tariffs")
@Produces(MediaType.APPLICATION_JSON)
public class TariffResource {

    /** A tariff as answered. */
    public record TariffView(UUID id, UUID siteId, double pricePerKwh, String currency, Set<DayOfWeek> days,
            LocalTime start, LocalTime end, LocalDate effectiveFrom, LocalDate effectiveTo, String createdBy) {

        static TariffView of(StoredTariff s) {
            Tariff t = s.tariff();
            return new TariffView(UUID.fromString(t.id()), s.siteId(), t.pricePerKwh(), t.currency(), t.days(),
                    t.start(), t.end(), t.effectiveFrom(), t.effectiveTo(), s.createdBy());
        }
    }

    private final Pool pool;
    private final TariffRepository tariffs;
    private final SecurityIdentity identity;

    public TariffResource(Pool pool, TariffRepository tariffs, SecurityIdentity identity) {
        this.pool = pool;
        this.tariffs = tariffs;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Add a tariff; one that overlaps another of the site is refused (422)")
    public Uni<Response> create(@Valid @NotNull TariffInput in) {
        Tariff t;
        try {
            t = new Tariff(UUID.randomUUID().toString(), in.pricePerKwh(), in.currency(), in.days(), in.start(),
                    in.end(), in.effectiveFrom(), in.effectiveTo());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
        String actor = identity.getPrincipal().getName();
        return pool.withTransaction(c -> tariffs.lockSite(c, in.siteId())
                .flatMap(x -> tariffs.ofSite(c, in.siteId()))
                .flatMap(existing -> {
                    List<Tariff> all = new ArrayList<>(existing.stream().map(StoredTariff::tariff).toList());
                    all.add(t);
                    List<FieldError> errors = EnergyCost.conflicts(all).stream()
                            .filter(k -> k.tariffA().equals(t.id()) || k.tariffB().equals(t.id()))
                            .map(k -> FieldError.of("days", "overlaps tariff " + (k.tariffA().equals(t.id())
                                    ? k.tariffB() : k.tariffA()) + " on " + k.day() + " " + k.from() + "-" + k.to()))
                            .toList();
                    if (!errors.isEmpty()) {
                        throw DomainException.unprocessable("the tariff overlaps " + errors.size()
                                + " slot(s) of another tariff of this site", errors);
                    }
                    return tariffs.insert(c, in.siteId(), t, actor);
                }))
                .map(x -> Response.created(URI.create("/api/v1/kpis/tariffs/" + t.id()))
                        .entity(TariffView.of(new StoredTariff(in.siteId(), t, actor))).build());
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Tariffs, of one site or all")
    public Uni<List<TariffView>> list(@QueryParam("site") String site) {
        UUID key = site == null ? null : RequestParams.uuid("site", site);
        return pool.withConnection(c -> tariffs.ofSite(c, key)).map(l -> l.stream().map(TariffView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(RoleNames.ENGINEER)
    public Uni<Response> delete(@PathParam("id") String id) {
        UUID key = RequestParams.uuid("id", id);
        return pool.withConnection(c -> tariffs.delete(c, key)).map(n -> {
            if (n == 0) {
                throw DomainException.notFound("tariff", key);
            }
            return Response.noContent().build();
        });
    }

}
