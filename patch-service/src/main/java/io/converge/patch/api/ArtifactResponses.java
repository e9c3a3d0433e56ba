package io.converge.patch.api;

import io.converge.patch.domain.ByteRange;
import io.converge.patch.store.FirmwareRepository.Firmware;
import io.converge.rest.ProblemMapper;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.file.Path;
import java.util.List;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Artifact downloads: ETag = {@code "<sha256>"}, {@code If-None-Match} → 304, one {@code Range: bytes=…} → 206 with
 * Content-Range (several ranges or an invalid one: the whole artifact, as RFC 9110 allows), unsatisfiable → 416,
 * {@code If-Range} with another ETag → the whole artifact. The file is sent from disk (sendfile), never loaded.
 */
final class ArtifactResponses {

    private ArtifactResponses() {
    }

    static Response of(Firmware f, Path file, String range, String ifNoneMatch, String ifRange, UriInfo uri) {
        String etag = "\"" + f.sha256() + "\"";
        EntityTag tag = new EntityTag(f.sha256());
        if (matches(ifNoneMatch, f.sha256())) {
            return Response.notModified(tag).header("Accept-Ranges", "bytes").build();
        }
        long size = f.size();
        ByteRange.Request asked = ifRange != null && !ifRange.trim().equals(etag) ? new ByteRange.Whole()
                : ByteRange.of(range, size);
        String filename = (f.vendor() + "-" + f.version()).replaceAll("[^A-Za-z0-9._+-]", "_") + ".bin";
        return switch (asked) {
            case ByteRange.Unsatisfiable u -> Response.fromResponse(ProblemMapper.problem(416, "range-not-satisfiable",
                    "the artifact has " + size + " bytes; the range " + range + " selects none of them", uri,
                    List.of())).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes")
                    .tag(tag).build();
            case ByteRange.Partial p -> Response.status(206).entity(new PathPart(file, p.range().first(),
                    p.range().length())).type("application/octet-stream").tag(tag)
                    .header("Content-Range", p.range().contentRange(size)).header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").build();
            case ByteRange.Whole w -> Response.ok(new PathPart(file, 0, size)).type("application/octet-stream")
                    .tag(tag).header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").build();
        };
    }

    /** If-None-Match: {@code *} or a list of tags, weak ones compared weakly (RFC 9110 §13.1.2). */
    private static boolean matches(String header, String sha256) {
        if (header == null) {
            return false;
        }
        for (String t : header.split(",")) {
            String v = t.trim();
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            if (v.equals("*") || v.equals("\"" + sha256 + "\"")) {
                return true;
            }
        }
        return false;
    }
}
