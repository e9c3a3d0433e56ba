package io.converge.patch.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.converge.patch.domain.FirmwareState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Catalog entries; the artifact itself is a file named by {@code storagePath} in the storage directory. */
@ApplicationScoped
public class FirmwareRepository {

    /** A catalog entry. {@code revision} is the row's version (ETag), + 1 on every state change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Firmware(UUID id, String vendor, String version, List<String> compatibleModels,
            String releaseNotes, String sha256, long size, String signature, UUID keyId, String state,
            @JsonIgnore String storagePath, long revision, String createdBy, Instant createdAt, String releasedBy,
            Instant releasedAt, String revokedBy, Instant revokedAt, String revokeReason) {

        @JsonProperty("artifactUrl")
        public String artifactUrl() {
            return "/api/v1/firmware/" + id + "/artifact";
        }
    }

    /** A page of the list; {@code nextCursor} is null on the last page. */
    public record Page(List<Firmware> items, String nextCursor) {
    }

    /** Keyset position of the list: newest first. */
    public record Cursor(Instant createdAt, UUID id) {
    }

    private static final String COLUMNS = "id, vendor, version, compatible_models, release_notes, sha256, size,"
            + " signature, key_id, state, storage_path, version_no, created_by, created_at, released_by,"
            + " released_at, revoked_by, revoked_at, revoke_reason";
    private final Pool pool;

    public FirmwareRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Firmware> insert(SqlClient c, Firmware f) {
        return c.preparedQuery("INSERT INTO firmware (id, vendor, version, compatible_models, release_notes, sha256,"
                + " size, signature, key_id, state, storage_path, created_by)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {f.id(), f.vendor(), f.version(),
                        f.compatibleModels().toArray(String[]::new), f.releaseNotes(), f.sha256(), f.size(),
                        f.signature(), f.keyId(), f.state(), f.storagePath(), f.createdBy()}))
                .map(rs -> map(rs.iterator().next()));
    }

    public Uni<Optional<Firmware>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM firmware WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    public Uni<Boolean> exists(String vendor, String version) {
        return pool.preparedQuery("SELECT 1 FROM firmware WHERE vendor = $1 AND version = $2")
                .execute(Tuple.of(vendor, version)).map(rs -> rs.size() > 0);
    }

    /** Newest first; every filter optional; {@code model} matches entries listing it as compatible. */
    public Uni<Page> list(String vendor, String model, String state, Cursor after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM firmware WHERE ($1::text IS NULL OR vendor = $1)"
                + " AND ($2::text IS NULL OR compatible_models @> ARRAY[$2::text])"
                + " AND ($3::text IS NULL OR state = $3)"
                + " AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))"
                + " ORDER BY created_at DESC, id DESC LIMIT $6")
                .execute(Tuple.from(new Object[] {vendor, model, state,
                        after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC),
                        after == null ? null : after.id(), limit + 1}))
                .map(rs -> {
                    List<Firmware> items = new ArrayList<>(rs.size());
                    rs.forEach(r -> items.add(map(r)));
                    if (items.size() <= limit) {
                        return new Page(items, null);
                    }
                    items.remove(limit);
                    Firmware last = items.get(limit - 1);
                    return new Page(items, Cursors.encode(new Cursor(last.createdAt(), last.id())));
                });
    }

    /** A state change: the entry after it and the state it left. */
    public record Transition(Firmware firmware, String previousState) {
    }

    /**
     * Moves an entry to {@code target} when its state is one {@code target} may be entered from and, if
     * {@code expectedRevision} is set, its revision matches; empty otherwise (nothing changed).
     */
    public Uni<Optional<Transition>> transition(SqlClient c, UUID id, FirmwareState target, Long expectedRevision,
            String actor, String reason) {
        String[] from = target.allowedFrom().stream().map(FirmwareState::wire).toArray(String[]::new);
        String stamp = switch (target) {
            case RELEASED -> ", released_by = $5, released_at = now()";
            case REVOKED -> ", revoked_by = $5, revoked_at = now(), revoke_reason = $6";
            default -> "";
        };
        Object[] args = target == FirmwareState.REVOKED
                ? new Object[] {id, target.wire(), from, expectedRevision, actor, reason}
                : target == FirmwareState.RELEASED ? new Object[] {id, target.wire(), from, expectedRevision, actor}
                : new Object[] {id, target.wire(), from, expectedRevision};
        return c.preparedQuery("UPDATE firmware f SET state = $2, version_no = f.version_no + 1" + stamp
                + " FROM (SELECT id, state AS previous_state FROM firmware WHERE id = $1 FOR UPDATE) o"
                + " WHERE f.id = o.id AND f.state = ANY($3) AND ($4::bigint IS NULL OR f.version_no = $4) RETURNING f."
                + COLUMNS.replace(", ", ", f.") + ", o.previous_state")
                .execute(Tuple.from(args))
                .map(rs -> {
                    if (rs.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rs.iterator().next();
                    return Optional.of(new Transition(map(r), r.getString("previous_state")));
                });
    }

    /** States whose artifacts may be downloaded. */
    public static final Set<String> DOWNLOADABLE = Set.of(FirmwareState.VERIFIED.wire(),
            FirmwareState.RELEASED.wire());

    private static Firmware map(Row r) {
        String[] models = r.getArrayOfStrings("compatible_models");
        return new Firmware(r.getUUID("id"), r.getString("vendor"), r.getString("version"),
                models == null ? List.of() : Arrays.asList(models), r.getString("release_notes"),
                r.getString("sha256"), r.getLong("size"), r.getString("signature"), r.getUUID("key_id"),
                r.getString("state"), r.getString("storage_path"), r.getLong("version_no"),
                r.getString("created_by"), VendorKeyRepository.instant(r.getOffsetDateTime("created_at")),
                r.getString("released_by"), VendorKeyRepository.instant(r.getOffsetDateTime("released_at")),
                r.getString("revoked_by"), VendorKeyRepository.instant(r.getOffsetDateTime("revoked_at")),
                r.getString("revoke_reason"));
    }
}
