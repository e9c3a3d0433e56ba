package io.converge.patch.api;

import io.converge.events.PatchEventTypes;
import io.converge.outbox.OutboxStore;
import io.converge.patch.config.PatchConfig;
import io.converge.patch.domain.FirmwareState;
import io.converge.patch.domain.KeyAlgorithm;
import io.converge.patch.domain.Signatures;
import io.converge.patch.domain.VendorKeys;
import io.converge.patch.messaging.FirmwareEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.ArtifactStore;
import io.converge.patch.store.FirmwareRepository;
import io.converge.patch.store.FirmwareRepository.Firmware;
import io.converge.patch.store.VendorKeyRepository;
import io.converge.patch.store.VendorKeyRepository.VendorKey;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One firmware upload, on a worker thread: checks the metadata and the key, streams the artifact to a part file while
 * hashing it (state {@code uploaded}, never committed), compares the SHA-256, verifies the signature, then moves the
 * file in place and commits the entry as {@code verified} with its event. A mismatch deletes the file, stores nothing
 * in the catalog and commits only a {@code firmware-integrity-failure} security finding to the outbox.
 */
@ApplicationScoped
public class FirmwareUploads {

    private static final Logger LOG = Logger.getLogger(FirmwareUploads.class);
    private static final Duration DB = Duration.ofSeconds(30);
    private final Pool pool;
    private final VendorKeyRepository keys;
    private final FirmwareRepository firmware;
    private final ArtifactStore artifacts;
    private final OutboxStore outbox;
    private final FirmwareEvents events;
    private final PatchOutboxRelay relay;
    private final long maxSize;
    private final MeterRegistry registry;

    public FirmwareUploads(Pool pool, VendorKeyRepository keys, FirmwareRepository firmware, ArtifactStore artifacts,
            OutboxStore outbox, FirmwareEvents events, PatchOutboxRelay relay, PatchConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.keys = keys;
        this.firmware = firmware;
        this.artifacts = artifacts;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.maxSize = config.firmware().maxSize().asLongValue();
        this.registry = registry;
    }

    /** Where the upload came from and who sent it, for the entry and any security finding. */
    record Caller(String actor, String address) {
    }

    public Firmware upload(UploadRequest req, InputStream body, Caller caller) {
        List<VendorKey> candidates = candidateKeys(req);
        if (firmware.exists(req.vendor(), req.version()).await().atMost(DB)) {
            throw DomainException.conflict("firmware " + req.vendor() + " " + req.version() + " already exists");
        }
        ArtifactStore.Received received;
        try {
            received = artifacts.receive(body, maxSize);
        } catch (ArtifactStore.TooLarge e) {
            count("too-large");
            throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE,
                    "the artifact exceeds " + maxSize + " bytes; the partial upload was discarded");
        } catch (IOException e) {
            count("interrupted");
            throw DomainException.badRequest("the upload was interrupted: " + e.getMessage());
        }
        String computed = HexFormat.of().formatHex(received.sha256());
        if (!MessageDigest.isEqual(received.sha256(), req.sha256Bytes())) {
            refuse(req, received, caller, "sha256-mismatch", computed, null,
                    "the artifact's SHA-256 is " + computed + ", not the declared " + req.sha256());
        }
        Optional<VendorKey> signer = candidates.stream().filter(k -> Signatures.verify(
                KeyAlgorithm.parse(k.algorithm()).orElseThrow(),
                VendorKeys.restore(KeyAlgorithm.parse(k.algorithm()).orElseThrow(), k.publicKey()),
                received.sha256(), req.signature())).findFirst();
        if (signer.isEmpty()) {
            refuse(req, received, caller, "signature-invalid", computed, candidates,
                    "the signature does not verify with " + (req.keyId() != null ? "vendor key " + req.keyId()
                            : "any active key of vendor " + req.vendor()));
        }
        return keep(req, received, signer.get(), caller);
    }

    /** The keys that may verify the upload; 422 when there is none (unknown, revoked or another vendor's key). */
    private List<VendorKey> candidateKeys(UploadRequest req) {
        if (req.keyId() != null) {
            Optional<VendorKey> key = keys.find(req.keyId()).await().atMost(DB);
            if (key.isEmpty() || key.get().revoked() || !key.get().vendor().equals(req.vendor())) {
                String why = key.isEmpty() ? "is not registered" : key.get().revoked() ? "is revoked"
                        : "belongs to vendor " + key.get().vendor();
                throw DomainException.unprocessable("unknown vendor key: " + req.keyId() + " " + why,
                        List.of(FieldError.of("keyId", "unknown vendor key")));
            }
            return List.of(key.get());
        }
        List<VendorKey> active = keys.list(req.vendor(), true).await().atMost(DB);
        if (active.isEmpty()) {
            throw DomainException.unprocessable("unknown vendor key: vendor " + req.vendor()
                    + " has no registered active key", List.of(FieldError.of("vendor", "no registered key")));
        }
        return active;
    }

    private Firmware keep(UploadRequest req, ArtifactStore.Received received, VendorKey key, Caller caller) {
        UUID id = UUID.randomUUID();
        String path;
        try {
            path = artifacts.keep(received, id);
        } catch (IOException e) {
            artifacts.delete(received.part());
            throw new IllegalStateException("cannot store the artifact", e);
        }
        Firmware entry = new Firmware(id, req.vendor(), req.version(), req.models(), req.releaseNotes(),
                HexFormat.of().formatHex(received.sha256()), received.size(), req.signatureBase64(), key.id(),
                FirmwareState.VERIFIED.wire(), path, 1, caller.actor(), null, null, null, null, null, null);
        try {
            Firmware stored = pool.withTransaction(c -> firmware.insert(c, entry).call(f -> outbox.add(c,
                    events.changed(PatchEventTypes.FIRMWARE_VERIFIED, f, null, caller.actor()))))
                    .await().atMost(DB);
            relay.kick();
            count("verified");
            LOG.infof("firmware %s %s verified (%d bytes, key %s) by %s", stored.vendor(), stored.version(),
                    stored.size(), key.id(), caller.actor());
            return stored;
        } catch (RuntimeException e) {
            artifacts.delete(artifacts.resolve(path)); // e.g. the same version committed meanwhile: 409
            throw e;
        }
    }

    /** Discards the artifact, records the security finding (its own transaction) and answers 422. */
    private void refuse(UploadRequest req, ArtifactStore.Received received, Caller caller, String reason,
            String computed, List<VendorKey> tried, String detail) {
        artifacts.delete(received.part());
        count(reason);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reason", reason);
        attributes.put("vendor", req.vendor());
        attributes.put("version", req.version());
        attributes.put("declaredSha256", req.sha256());
        attributes.put("computedSha256", computed);
        attributes.put("size", Long.toString(received.size()));
        attributes.put("actor", caller.actor());
        if (tried != null) {
            attributes.put("keyIds", String.join(",", tried.stream().map(k -> k.id().toString()).toList()));
        }
        OutboxStore.Pending finding = events.integrityFailure(req.vendor(), "firmware " + req.vendor() + " "
                + req.version() + " refused: " + detail, caller.address(), attributes);
        pool.withTransaction(c -> outbox.add(c, finding)).await().atMost(DB);
        relay.kick();
        LOG.warnf("firmware %s %s refused (%s) from %s by %s", req.vendor(), req.version(), reason,
                caller.address(), caller.actor());
        throw DomainException.unprocessable(detail + "; the artifact was discarded",
                List.of(FieldError.of(reason.startsWith("sha") ? "sha256" : "signature", reason)));
    }

    private void count(String outcome) {
        registry.counter("converge.firmware.uploads", "outcome", outcome).increment();
    }
}
