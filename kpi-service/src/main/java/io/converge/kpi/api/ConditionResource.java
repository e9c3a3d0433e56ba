package io.converge.kpi.api;

import io.converge.events.MetricNames;
import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.Scope;
import io.converge.kpi.store.ConditionRepository;
import io.converge.kpi.store.ConditionRepository.ConditionBinding;
import io.converge.kpi.store.ConditionRepository.ConditionState;
import io.converge.kpi.store.ConditionRepository.Spec;
import io.converge.kpi.stream.AssetDirectory;
import io.converge.kpi.stream.ConditionBindings;
import io.converge.kpi.stream.ConditionMonitor;
import io.converge.kpi.stream.MaintenanceRecorder;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Condition bindings for predictive maintenance, per asset tag (an asset id known to the asset view is accepted and
 * turned into its tag) and metric: engineers write them, viewers read them with the latest prediction. PUT creates
 * (201) or replaces (If-Match required: 428 without, 412 stale); a change resets the metric's predictor (rebuilt from
 * the stored samples). DELETE also resolves the open recommendation (with an event).
 */
@Path("/api/v1/kpis/conditions")
@Produces(MediaType.APPLICATION_JSON)
public class ConditionResource {

    /** A binding with the latest prediction of its asset's metric (null before the first sample). */
    public record ConditionView(String assetTag, String metric, String label, double threshold, String direction,
            double alpha, int windowSize, long version, java.time.Instant updatedAt, String updatedBy,
            ConditionState prediction) {

        static ConditionView of(ConditionBinding b, ConditionState s) {
            return new ConditionView(b.assetTag(), b.metric(), b.label(), b.threshold(), b.direction(), b.alpha(),
                    b.windowSize(), b.version(), b.updatedAt(), b.updatedBy(), s);
        }
    }

    private final ConditionRepository conditions;
    private final ConditionBindings cache;
    private final ConditionMonitor monitor;
    private final MaintenanceRecorder recorder;
    private final AssetDirectory assets;
    private final SecurityIdentity identity;
    private final KpiConfig.Maintenance config;

    public ConditionResource(ConditionRepository conditions, ConditionBindings cache, ConditionMonitor monitor,
            MaintenanceRecorder recorder, AssetDirectory assets, SecurityIdentity identity, KpiConfig config) {
        this.conditions = conditions;
        this.cache = cache;
        this.monitor = monitor;
        this.recorder = recorder;
        this.assets = assets;
        this.identity = identity;
        this.config = config.maintenance();
    }

    @GET
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "Condition bindings, of one asset (tag or id) or all")
    public Uni<List<ConditionBinding>> list(@QueryParam("asset") String asset) {
        return asset == null ? conditions.all(null) : tag(asset).flatMap(conditions::all);
    }

    @GET
    @Path("{asset}/{metric: .+}")
    @RolesAllowed(RoleNames.VIEWER)
    @Operation(summary = "A condition binding with its latest prediction (smoothed value, slope, time to crossing,"
            + " confidence, anomaly flags)")
    public Uni<Response> get(@PathParam("asset") String asset, @PathParam("metric") String metric) {
        String m = metric(metric);
        return tag(asset).flatMap(t -> conditions.find(t, m).flatMap(b -> {
            if (b.isEmpty()) {
                throw DomainException.notFound("condition binding for", t + " " + m);
            }
            return conditions.state(t, m).map(s -> Response.ok(ConditionView.of(b.get(), s.orElse(null)))
                    .tag(ETags.of(b.get().version())).build());
        }));
    }

    @PUT
    @Path("{asset}/{metric: .+}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Bind a condition metric of an asset (create, or replace with If-Match)")
    public Uni<Response> put(@PathParam("asset") String asset, @PathParam("metric") String metric,
            @Valid @NotNull ConditionInput body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String m = metric(metric);
        Spec spec = spec(body);
        Long expected = ifMatch == null || ifMatch.isBlank() ? null : ETags.required(ifMatch);
        boolean replace = ifMatch != null && !ifMatch.isBlank();
        String actor = identity.getPrincipal().getName();
        return tag(asset).flatMap(t -> replace ? replace(t, m, spec, expected, actor)
                : conditions.insert(t, m, spec, actor).map(created -> created.map(b -> {
                    written(b);
                    return Response.created(URI.create("/api/v1/kpis/conditions/" + t + "/" + m))
                            .tag(ETags.of(b.version())).entity(b).build();
                }).orElseThrow(() -> new DomainException(DomainException.Kind.PRECONDITION_REQUIRED,
                        "a condition binding for " + t + " " + m + " exists: replace it with If-Match (its ETag)"))));
    }

    @DELETE
    @Path("{asset}/{metric: .+}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Remove a condition binding (optional If-Match); its open recommendation is resolved")
    public Uni<Response> delete(@PathParam("asset") String asset, @PathParam("metric") String metric,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String m = metric(metric);
        Long expected = ETags.optional(ifMatch);
        return tag(asset).flatMap(t -> conditions.find(t, m).flatMap(found -> {
            if (found.isEmpty()) {
                throw DomainException.notFound("condition binding for", t + " " + m);
            }
            return recorder.unbind(found.get(), expected).map(n -> {
                if (n == 0) {
                    throw new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                            "the condition binding changed; read it again");
                }
                cache.remove(t, m);
                monitor.forget(t, m);
                return Response.noContent().build();
            });
        }));
    }

    private Uni<Response> replace(String tag, String metric, Spec spec, Long expected, String actor) {
        return conditions.replace(tag, metric, spec, expected, actor).flatMap(r -> {
            if (r.isPresent()) {
                written(r.get());
                return Uni.createFrom().item(Response.ok(r.get()).tag(ETags.of(r.get().version())).build());
            }
            return conditions.find(tag, metric).map(b -> {
                throw b.isPresent() ? new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                        "the condition binding changed (version " + b.get().version() + "); read it again")
                        : DomainException.notFound("condition binding for", tag + " " + metric);
            });
        });
    }

    private void written(ConditionBinding b) {
        cache.put(b);
        monitor.forget(b.assetTag(), b.metric());
    }

    /** The input with defaults applied; every field error at once, nothing written. */
    private Spec spec(ConditionInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (!Double.isFinite(in.threshold())) {
            errors.add(FieldError.of("threshold", "must be a finite number"));
        }
        double alpha = in.alpha() == null ? config.defaultAlpha() : in.alpha();
        if (!(alpha > 0 && alpha <= 1)) {
            errors.add(FieldError.of("alpha", "must be in (0, 1]"));
        }
        int window = in.windowSize() == null ? config.defaultWindow() : in.windowSize();
        if (window > config.maxWindow()) {
            errors.add(FieldError.of("windowSize", "must be at most " + config.maxWindow()));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the request has invalid fields", errors);
        }
        return new Spec(in.label(), in.threshold(), in.direction(), alpha, window);
    }

    static String metric(String raw) {
        if (raw == null || !MetricNames.PATTERN.matcher(raw).matches()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "metric must match " + MetricNames.REGEX,
                    List.of(FieldError.of("metric", "must match " + MetricNames.REGEX)));
        }
        return raw;
    }

    /** The asset tag: a tag as is, an asset id through the asset view. */
    private Uni<String> tag(String raw) {
        Optional<UUID> id = uuid(raw);
        if (id.isPresent()) {
            return assets.byId(id.get()).map(a -> a.map(x -> x.tag())
                    .orElseThrow(() -> DomainException.notFound("asset", raw)));
        }
        if (raw == null || !Scope.TAG.matcher(raw).matches()) {
            throw DomainException.badRequest("asset must be an asset tag matching " + Scope.TAG.pattern()
                    + " or a known asset id");
        }
        return Uni.createFrom().item(raw);
    }

    private static Optional<UUID> uuid(String raw) {
        try {
            UUID u = UUID.fromString(raw);
            return u.toString().equalsIgnoreCase(raw) ? Optional.of(u) : Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
