package io.converge.asset.api;

import io.converge.asset.domain.Actor;
import io.converge.asset.domain.Asset;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.asset.domain.StatusPolicy;
import io.converge.asset.messaging.AssetEvents;
import io.converge.asset.messaging.AssetOutboxRelay;
import io.converge.asset.store.AssetRepository;
import io.converge.asset.store.AuditLog;
import io.converge.outbox.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Asset writes: each one is a single transaction holding the change, its audit entry and its outbox events, so a
 * change is published if and only if it is committed.
 */
@ApplicationScoped
public class AssetService {

    private final Pool pool;
    private final AssetRepository assets;
    private final AuditLog audit;
    private final OutboxStore outbox;
    private final AssetEvents events;
    private final AssetOutboxRelay relay;
    private final MeterRegistry metrics;

    public AssetService(Pool pool, AssetRepository assets, AuditLog audit, OutboxStore outbox, AssetEvents events,
            AssetOutboxRelay relay, MeterRegistry metrics) {
        this.pool = pool;
        this.assets = assets;
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.metrics = metrics;
    }

    public Uni<Asset> create(AssetDraft draft, Actor actor) {
        StatusPolicy.checkInitial(draft.status(), actor.powers());
        UUID id = UUID.randomUUID();
        return pool.withTransaction(c -> checkReferences(c, draft)
                .flatMap(x -> assets.insert(c, id, draft))
                .flatMap(x -> assets.find(c, id))
                .call(a -> audit.add(c, "asset", id, "created", actor, null, a))
                .call(a -> outbox.add(c, events.created(a, actor))))
                .invoke(a -> done("created"));
    }

    /** Replaces the writable fields; {@code draftFor} gets the current status (kept when the body names none). */
    public Uni<Asset> replace(UUID id, Function<AssetStatus, AssetDraft> draftFor, Long expectedVersion,
            Actor actor) {
        return pool.withTransaction(c -> locked(c, id, expectedVersion).flatMap(before -> {
            AssetDraft draft = draftFor.apply(before.status());
            StatusPolicy.checkTransition(before.status(), draft.status(), actor.powers());
            if (draft.sameAs(before)) {
                return Uni.createFrom().item(before);
            }
            return checkReferences(c, draft).flatMap(x -> write(c, before, draft, actor, "updated", null));
        })).invoke(a -> done("updated"));
    }

    public Uni<Asset> changeStatus(UUID id, AssetStatus to, String reason, Long expectedVersion, Actor actor) {
        return pool.withTransaction(c -> locked(c, id, expectedVersion).flatMap(before -> {
            StatusPolicy.checkTransition(before.status(), to, actor.powers());
            if (before.status() == to) {
                return Uni.createFrom().item(before);
            }
            return write(c, before, draftOf(before).withStatus(to), actor, "status-changed", reason);
        })).invoke(a -> done("status-changed"));
    }

    public Uni<Void> delete(UUID id, Long expectedVersion, Actor actor) {
        return pool.withTransaction(c -> locked(c, id, expectedVersion)
                .call(before -> assets.delete(c, id))
                .call(before -> audit.add(c, "asset", id, "deleted", actor, before, null))
                .call(before -> outbox.add(c, events.deleted(before, actor))))
                .invoke(a -> done("deleted")).replaceWithVoid();
    }

    /**
     * Records the firmware a device now runs (reported by patch-service when a deployment succeeded), in the
     * caller's transaction: audited and published as firmware-changed like any edit. Nothing changes, and nothing
     * is published, when the asset already runs that version; empty when the asset no longer exists.
     */
    public Uni<java.util.Optional<Asset>> recordFirmware(SqlClient c, UUID id, String version, String reason,
            Actor actor) {
        return assets.findForUpdate(c, id).flatMap(before -> {
            if (before == null) {
                return Uni.createFrom().item(java.util.Optional.<Asset>empty());
            }
            if (version.equals(before.firmwareVersion())) {
                return Uni.createFrom().item(java.util.Optional.of(before));
            }
            return write(c, before, draftOf(before).withFirmwareVersion(version), actor, "firmware-deployed", reason)
                    .invoke(a -> metrics.counter("converge.assets.changes", "action", "firmware-deployed").increment())
                    .map(java.util.Optional::of);
        });
    }

    private Uni<Asset> write(SqlClient c, Asset before, AssetDraft draft, Actor actor, String action,
            String reason) {
        return assets.update(c, before.id(), draft)
                .flatMap(x -> assets.find(c, before.id()))
                .call(after -> audit.add(c, "asset", before.id(), action, actor, before, after, reason))
                .call(after -> outbox.addAll(c, events.changed(before, after, actor)));
    }

    private Uni<Asset> locked(SqlClient c, UUID id, Long expectedVersion) {
        return assets.findForUpdate(c, id).map(a -> {
            Checks.version(expectedVersion, Checks.found(a, "asset", id).version());
            return a;
        });
    }

    /** The node and the zone a draft names must exist (422 with the field otherwise). */
    Uni<Void> checkReferences(SqlClient c, AssetDraft d) {
        if (d.nodeId() == null && d.zoneId() == null) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("SELECT (SELECT count(*) FROM hierarchy_node WHERE id = $1),"
                + " (SELECT count(*) FROM security_zone WHERE id = $2)")
                .execute(Tuple.of(d.nodeId(), d.zoneId())).map(rs -> {
                    var row = rs.iterator().next();
                    List<FieldError> errors = new ArrayList<>();
                    if (d.nodeId() != null && row.getLong(0) == 0) {
                        errors.add(FieldError.of("nodeId", "no hierarchy node " + d.nodeId()));
                    }
                    if (d.zoneId() != null && row.getLong(1) == 0) {
                        errors.add(FieldError.of("zoneId", "no zone " + d.zoneId()));
                    }
                    if (!errors.isEmpty()) {
                        throw DomainException.unprocessable("the asset refers to something that does not exist",
                                errors);
                    }
                    return null;
                });
    }

    static AssetDraft draftOf(Asset a) {
        return new AssetDraft(a.tag(), a.name(), a.domain(), a.type(), a.vendor(), a.model(), a.serialNumber(),
                a.ipAddress(), a.macAddress(), a.nodeId(), a.zoneId(), a.criticality(), a.firmwareVersion(),
                a.status(), a.labels());
    }

    /** Relays the outbox now: call after committing a transaction that went through {@link #recordFirmware}. */
    public void published() {
        relay.kick();
    }

    private void done(String action) {
        metrics.counter("converge.assets.changes", "action", action).increment();
        relay.kick();
    }
}
