package io.converge.kpi.api;

import io.converge.kpi.config.KpiConfig;
import io.converge.kpi.domain.Buckets;
import io.converge.kpi.domain.Scope;
import io.converge.kpi.domain.WindowFigures;
import io.converge.kpi.store.WindowRepository;
import io.converge.kpi.store.WindowRepository.AssetWindow;
import io.converge.kpi.stream.AssetDirectory;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.RoleNames;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * KPIs of a scope ({@code line:{uuid}} or {@code asset:{tag}}) over [from, to) in buckets, answered from the stored
 * windows: each bucket sums the windows' additive figures (and, for a line, its assets') and derives the KPIs from
 * the sums. Bad scope, from ≥ to, a bucket that is not a multiple of the smallest window or too small for the range
 * → 400; a scope no asset is known for → 404.
 */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(RoleNames.VIEWER)
public class KpiQueryResource {

    private static final Duration MAX_RANGE = Duration.ofDays(400);
    private final Pool pool;
    private final WindowRepository windows;
    private final AssetDirectory assets;
    private final KpiConfig config;

    public KpiQueryResource(Pool pool, WindowRepository windows, AssetDirectory assets, KpiConfig config) {
        this.pool = pool;
        this.windows = windows;
        this.assets = assets;
        this.config = config;
    }

    @GET
    @Path("oee")
    @Operation(summary = "ISO 22400 OEE with availability, effectiveness and quality, per bucket")
    public Uni<KpiViews.Series<KpiViews.Oee>> oee(@QueryParam("scope") String scope, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        return series(scope, from, to, bucket, KpiViews.Oee::of);
    }

    @GET
    @Path("losses")
    @Operation(summary = "Downtime by reason and the six big losses, per bucket (minutes)")
    public Uni<KpiViews.Series<KpiViews.Losses>> losses(@QueryParam("scope") String scope,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        return series(scope, from, to, bucket, KpiViews.Losses::of);
    }

    @GET
    @Path("reliability")
    @Operation(summary = "MTBF and MTTR from machine-state transitions, per bucket")
    public Uni<KpiViews.Series<KpiViews.Reliability>> reliability(@QueryParam("scope") String scope,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        return series(scope, from, to, bucket, KpiViews.Reliability::of);
    }

    @GET
    @Path("energy")
    @Operation(summary = "Energy, energy per good unit and energy cost at the tariffs in force, per bucket")
    public Uni<KpiViews.Series<KpiViews.Energy>> energy(@QueryParam("scope") String scope,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        return series(scope, from, to, bucket, KpiViews.Energy::of);
    }

    private <T> Uni<KpiViews.Series<T>> series(String rawScope, String rawFrom, String rawTo, String rawBucket,
            Function<WindowFigures, T> view) {
        Scope scope = scope(rawScope);
        if (rawFrom == null || rawTo == null) {
            throw DomainException.badRequest("from and to are required (ISO-8601 instants)");
        }
        Instant from = RequestParams.instant("from", rawFrom);
        Instant to = RequestParams.instant("to", rawTo);
        Duration bucket = duration(rawBucket);
        Buckets plan;
        try {
            plan = Buckets.plan(from, to, bucket, config.windows().widths(), config.query().maxBuckets(), MAX_RANGE);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
        int width = (int) plan.source().toSeconds();
        Uni<List<AssetWindow>> rows = switch (scope) {
            case Scope.Asset a -> assets.byTag(a.tag()).flatMap(found -> {
                if (found.isEmpty()) {
                    throw DomainException.notFound("asset", a.tag());
                }
                return pool.withConnection(c -> windows.windows(c, a.tag(), null, width, plan.start(), to));
            });
            case Scope.Line l -> assets.onLine(l.id()).flatMap(onLine -> {
                if (onLine.isEmpty()) {
                    throw DomainException.notFound("line", l.id().toString());
                }
                return pool.withConnection(c -> windows.windows(c, null, l.id(), width, plan.start(), to));
            });
        };
        return rows.map(list -> answer(scope, from, to, plan, list, view));
    }

    private static <T> KpiViews.Series<T> answer(Scope scope, Instant from, Instant to, Buckets plan,
            List<AssetWindow> rows, Function<WindowFigures, T> view) {
        WindowFigures[] sums = new WindowFigures[plan.count()];
        int[] counts = new int[plan.count()];
        WindowFigures total = WindowFigures.EMPTY;
        for (AssetWindow w : rows) {
            int i = plan.indexOf(w.start());
            if (i < 0 || i >= sums.length) {
                continue;
            }
            sums[i] = sums[i] == null ? w.figures() : sums[i].plus(w.figures());
            counts[i]++;
            total = total.plus(w.figures());
        }
        List<KpiViews.Bucket<T>> buckets = new ArrayList<>(plan.count());
        for (int i = 0; i < sums.length; i++) {
            Instant start = plan.bucketStart(i);
            buckets.add(new KpiViews.Bucket<>(start, start.plus(plan.bucket()), counts[i],
                    view.apply(sums[i] == null ? WindowFigures.EMPTY : sums[i])));
        }
        return new KpiViews.Series<>(scope.asString(), from, to, plan.bucket().toString(), plan.source().toString(),
                view.apply(total), buckets);
    }

    static Scope scope(String raw) {
        try {
            return Scope.parse(raw);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
    }

    private static Duration duration(String raw) {
        if (raw == null || raw.isBlank()) {
            return Duration.ofHours(1);
        }
        try {
            return DurationConverter.parseDuration(raw.trim());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("bucket must be a duration such as PT1H, 15m or 1d");
        }
    }
}
