package io.converge.telemetry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.converge.rest.DomainException;
import io.converge.rest.RoleNames;
import io.converge.telemetry.config.TelemetryConfig;
import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.AssetView;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.PointRules;
import io.converge.telemetry.domain.SeriesQuery;
import io.converge.telemetry.ingest.LiveFeed;
import io.converge.telemetry.store.SeriesStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Reading telemetry: downsampled series, the latest value of each metric, and a live Server-Sent Events stream. */
@Path("/api/v1/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(RoleNames.VIEWER)
public class QueryResource {

    public record Series(String asset, UUID assetId, String metric, Instant from, Instant to, String bucket,
            String agg, List<SeriesStore.Bucket> points) {
    }

    public record LatestValues(String asset, UUID assetId, List<SeriesStore.Latest> metrics) {
    }

    /** One live point as streamed to a console. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LivePoint(String asset, String metric, Instant ts, Double value, String state, String quality) {
    }

    private final SeriesStore store;
    private final AssetView view;
    private final LiveFeed feed;
    private final TelemetryConfig config;

    public QueryResource(SeriesStore store, AssetView view, LiveFeed feed, TelemetryConfig config) {
        this.store = store;
        this.view = view;
        this.feed = feed;
        this.config = config;
    }

    @GET
    @Path("series")
    @Operation(summary = "A metric of an asset, downsampled into buckets (avg, min, max, sum, count or last)")
    public Uni<Series> series(@QueryParam("asset") String asset, @QueryParam("metric") String metric,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("bucket") String bucket,
            @QueryParam("agg") String agg) {
        AssetRef a = asset(asset);
        if (metric == null || !PointRules.METRIC.matcher(metric).matches()) {
            throw DomainException.badRequest("metric is required and must match " + PointRules.METRIC.pattern());
        }
        SeriesQuery q;
        try {
            q = SeriesQuery.of(from, to, bucket, agg, Instant.now(), config.query().maxBuckets(),
                    config.query().defaultBuckets());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
        return store.series(a.id(), metric, q).map(points -> new Series(a.tag(), a.id(), metric, q.from(), q.to(),
                q.bucket().toString(), q.agg().wire(), points));
    }

    @GET
    @Path("latest")
    @Operation(summary = "The latest value of each metric of an asset")
    public Uni<LatestValues> latest(@QueryParam("asset") String asset) {
        AssetRef a = asset(asset);
        return store.latest(a.id()).map(m -> new LatestValues(a.tag(), a.id(), m));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events of the points of an asset as they are committed")
    public Multi<LivePoint> stream(@QueryParam("asset") String asset) {
        AssetRef a = asset(asset);
        return feed.subscribe(a.id()).map(x -> {
            Point p = x.point();
            return new LivePoint(a.tag(), p.metric(), p.ts(), p.value(), p.state(), p.quality().wire());
        });
    }

    private AssetRef asset(String tagOrId) {
        if (tagOrId == null || tagOrId.isBlank()) {
            throw DomainException.badRequest("asset is required (tag or id)");
        }
        return view.resolve(tagOrId).orElseThrow(() -> DomainException.notFound("asset", tagOrId));
    }
}
