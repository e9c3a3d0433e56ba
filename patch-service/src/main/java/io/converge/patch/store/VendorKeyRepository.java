package io.converge.patch.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Vendors' registered public keys. A deleted key is revoked, not removed: firmware keeps naming the key it used. */
@ApplicationScoped
public class VendorKeyRepository {

    /** A stored key; {@code publicKey} is the SubjectPublicKeyInfo DER in base64. */
    public record VendorKey(UUID id, String vendor, String name, String algorithm, String publicKey,
            String fingerprint, String createdBy, Instant createdAt, String revokedBy, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    private static final String COLUMNS = "id, vendor, name, algorithm, public_key, fingerprint, created_by,"
            + " created_at, revoked_by, revoked_at";
    private final Pool pool;

    public VendorKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<VendorKey> insert(UUID id, String vendor, String name, String algorithm, String publicKey,
            String fingerprint, String actor) {
        return pool.preparedQuery("INSERT INTO vendor_key (id, vendor, name, algorithm, public_key, fingerprint,"
                + " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {id, vendor, name, algorithm, publicKey, fingerprint, actor}))
                .map(rs -> map(rs.iterator().next()));
    }

    /** Keys, optionally of one vendor, revoked ones included unless {@code activeOnly}. */
    public Uni<List<VendorKey>> list(String vendor, boolean activeOnly) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM vendor_key WHERE ($1::text IS NULL OR vendor = $1)"
                + " AND (NOT $2 OR revoked_at IS NULL) ORDER BY vendor, created_at, id")
                .execute(Tuple.of(vendor, activeOnly)).map(rs -> {
                    List<VendorKey> out = new ArrayList<>(rs.size());
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Optional<VendorKey>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM vendor_key WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Revokes (idempotent: an already revoked key keeps its first revocation); empty when the key is unknown. */
    public Uni<Optional<VendorKey>> revoke(UUID id, String actor) {
        return pool.preparedQuery("UPDATE vendor_key SET revoked_by = coalesce(revoked_by, $2),"
                + " revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, actor))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    private static VendorKey map(Row r) {
        return new VendorKey(r.getUUID("id"), r.getString("vendor"), r.getString("name"), r.getString("algorithm"),
                r.getString("public_key"), r.getString("fingerprint"), r.getString("created_by"),
                instant(r.getOffsetDateTime("created_at")), r.getString("revoked_by"),
                instant(r.getOffsetDateTime("revoked_at")));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
