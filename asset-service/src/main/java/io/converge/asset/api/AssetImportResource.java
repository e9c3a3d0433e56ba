package io.converge.asset.api;

import io.converge.rest.Problem;
import io.converge.asset.domain.Asset;
import io.converge.rest.DomainException;
import io.converge.asset.store.AssetBulkRepository;
import io.converge.asset.store.AssetFilter;
import io.converge.asset.store.AssetRepository;
import io.converge.asset.store.Keyset;
import io.converge.asset.store.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bulk import (CSV or JSON, all or nothing) and streamed CSV export of the asset inventory. */
@Path("/api/v1/assets")
@Tag(name = "Assets", description = "IT and OT assets")
public class AssetImportResource {

    private static final int EXPORT_PAGE = 1000;
    private static final String IMPORT_DESCRIPTION = "Body: text/csv with a header row (columns "
            + "tag,name,domain,type,vendor,model,serialNumber,ipAddress,macAddress,location,zone,criticality,"
            + "firmwareVersion,status,labels; location = hierarchy node code, zone = zone name, labels = "
            + "key=value;key2=value2) or application/json (an array of AssetInput objects, with location/zone as "
            + "alternatives to nodeId/zoneId). A row whose tag exists replaces that asset (omitted status keeps it). "
            + "All or nothing: any row error is a 422 listing errors[] (row, field, message; at most 1000, errorCount "
            + "gives the total) and nothing is written. dryRun=true validates only.";

    private final AssetImporter importer;
    private final AssetRepository assets;
    private final AssetBulkRepository bulk;
    private final SecurityIdentity identity;

    public AssetImportResource(AssetImporter importer, AssetRepository assets, AssetBulkRepository bulk,
            SecurityIdentity identity) {
        this.importer = importer;
        this.assets = assets;
        this.bulk = bulk;
        this.identity = identity;
    }

    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Blocking
    @Operation(summary = "Import many assets at once", description = IMPORT_DESCRIPTION)
    public AssetImporter.Summary importAssets(@QueryParam("dryRun") String dryRun,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        boolean dry = bool("dryRun", dryRun);
        MediaType type = mediaType(contentType);
        Charset charset = charset(type);
        AssetImporter.Format format;
        if (type.isCompatible(MediaType.valueOf(AssetCsv.MEDIA_TYPE))) {
            format = AssetImporter.Format.CSV;
        } else if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            format = AssetImporter.Format.JSON;
        } else {
            throw unsupported(contentType);
        }
        return importer.run(format, charset, body, dry, Roles.actor(identity));
    }

    @ServerExceptionMapper
    public Response rejected(AssetImporter.Rejected e, UriInfo uri) {
        return Problem.of(422, "unprocessable", "Unprocessable Content", e.getMessage(),
                uri.getRequestUri().getRawPath(), e.errors()).withErrorCount(e.count()).toResponse().build();
    }

    @GET
    @Path("export")
    @Produces(AssetCsv.MEDIA_TYPE)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Export assets as CSV", description = "Same filters as GET /api/v1/assets; sorted by tag; "
            + "streamed. Same columns as the import, so an export re-imports unchanged.")
    public RestMulti<String> export(@QueryParam("site") String site, @QueryParam("line") String line,
            @QueryParam("node") String node, @QueryParam("type") List<String> type,
            @QueryParam("domain") String domain, @QueryParam("zone") String zone,
            @QueryParam("status") List<String> status, @QueryParam("criticality") List<String> criticality,
            @QueryParam("firmwareVersion") String firmware, @QueryParam("label") List<String> label,
            @QueryParam("q") String q) {
        // parsed here, so a bad filter is a 400 before anything is streamed
        AssetFilter filter = AssetResource.filter(site, line, node, type, domain, zone, status, criticality, firmware,
                label, q);
        Multi<String> header = Multi.createFrom().item(() -> csv(printer -> printer.printRecord(AssetCsv.COLUMNS)));
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> new String[1], cursor -> page(filter, cursor))
                .whilst(p -> p.nextCursor() != null)
                .onItem().transformToUniAndConcatenate(this::csvPage)
                .filter(s -> !s.isEmpty());
        return RestMulti.fromMultiData(Multi.createBy().concatenating().streams(header, rows))
                .header("Content-Disposition", "attachment; filename=\"assets.csv\"")
                .build();
    }

    /** The next keyset page after {@code cursor[0]}; remembers the page's cursor for the next call. */
    private Uni<Page<Asset>> page(AssetFilter filter, String[] cursor) {
        Keyset<Asset> keyset = new Keyset<>(AssetRepository.SORTABLE, "a.id", Asset::id, "tag", "tag");
        return assets.list(filter, keyset, cursor[0], EXPORT_PAGE).invoke(p -> cursor[0] = p.nextCursor());
    }

    private Uni<String> csvPage(Page<Asset> page) {
        Set<UUID> nodes = new HashSet<>();
        Set<UUID> zones = new HashSet<>();
        page.items().forEach(a -> {
            if (a.nodeId() != null) {
                nodes.add(a.nodeId());
            }
            if (a.zoneId() != null) {
                zones.add(a.zoneId());
            }
        });
        return bulk.names(nodes, zones).map(names -> csv(printer -> {
            for (Asset a : page.items()) {
                printer.printRecord(AssetCsv.record(a, names.nodeCodes().get(a.nodeId()),
                        names.zoneNames().get(a.zoneId())));
            }
        }));
    }

    private interface Printing {
        void print(CSVPrinter printer) throws IOException;
    }

    private static String csv(Printing printing) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(sb, AssetCsv.WRITE)) {
            printing.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.badRequest(name + " must be true or false, not '" + value + "'");
        };
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported(null);
        }
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw unsupported(contentType);
        }
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new NotSupportedException("unsupported charset '" + name + "'");
        }
    }

    private static NotSupportedException unsupported(String contentType) {
        return new NotSupportedException("the import takes text/csv or application/json, not "
                + Objects.requireNonNullElse(contentType, "a body without Content-Type"));
    }
}
