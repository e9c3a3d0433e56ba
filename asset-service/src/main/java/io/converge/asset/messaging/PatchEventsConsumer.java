package io.converge.asset.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.asset.api.AssetService;
import io.converge.asset.domain.Actor;
import io.converge.asset.domain.StatusPolicy;
import io.converge.events.CloudEvent;
import io.converge.events.DeploymentEventData;
import io.converge.events.PatchEventTypes;
import io.converge.rest.TransientFailures;
import io.converge.outbox.RecordBatches;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes converge.patch.events in batches: a {@code deployment-succeeded} event sets the asset's firmware version
 * (asset-service stays the one writer of assets), audited and published as firmware-changed with patch-service as the
 * actor. Other event types are skipped. Idempotent on the event id (recorded in the same transaction); a record that
 * cannot be read goes to converge.patch.events.dlq with the reason; transient failures are retried until they pass.
 */
@ApplicationScoped
public class PatchEventsConsumer {

    private static final Logger LOG = Logger.getLogger(PatchEventsConsumer.class);
    static final Actor PATCH_SERVICE = new Actor("patch-service", "patch-service",
            new StatusPolicy.Caller(false, false, false));

    private final Pool pool;
    private final AssetService assets;
    private final ObjectMapper json;

    public PatchEventsConsumer(Pool pool, AssetService assets, ObjectMapper json) {
        this.pool = pool;
        this.assets = assets;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A succeeded deployment to record: the event id (idempotence), the asset, the version and why. */
    record Succeeded(UUID eventId, UUID assetId, String version, String reason) {
    }

    /**
     * A batch of records in one transaction (a fleet-wide campaign reports thousands of results a second; one
     * transaction per event could not keep up); an unreadable record goes alone to the DLQ (see {@link RecordBatches}).
     */
    @Incoming("patch-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.consume(batch, this::read, this::record);
    }

    /** The succeeded deployment a record reports; null for other event types. */
    Succeeded read(String record) {
        CloudEvent<DeploymentEventData> ce;
        try {
            JsonNode node = json.readTree(record == null ? "" : record);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a CloudEvent object");
            }
            if (!PatchEventTypes.DEPLOYMENT_SUCCEEDED.equals(node.path("type").asText(null))) {
                return null;
            }
            ce = json.convertValue(node, new TypeReference<CloudEvent<DeploymentEventData>>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable patch event: " + e.getMessage(), e);
        }
        DeploymentEventData d = ce.data();
        if (d == null || d.assetId() == null || d.toVersion() == null || d.toVersion().isBlank() || ce.id() == null) {
            throw new IllegalArgumentException("deployment-succeeded event " + ce.id()
                    + " without id, asset id or firmware version");
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(ce.id());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deployment-succeeded event id is not a UUID: " + ce.id(), e);
        }
        return new Succeeded(eventId, d.assetId(), d.toVersion().trim(),
                "campaign " + d.campaignId() + (d.rollback() ? " (rollback)" : ""));
    }

    /** Records the deployments not seen before (event ids stored in the same transaction), in batch order. */
    Uni<Void> record(List<Succeeded> batch) {
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO consumed_event (id) SELECT * FROM unnest($1::uuid[])"
                + " ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.of((Object) batch.stream().map(Succeeded::eventId).toArray(UUID[]::new)))
                .flatMap(rs -> {
                    Set<UUID> fresh = new HashSet<>();
                    rs.forEach(r -> fresh.add(r.getUUID(0)));
                    return Multi.createFrom().iterable(batch).filter(d -> fresh.remove(d.eventId())).onItem()
                            .transformToUniAndConcatenate(d -> assets.recordFirmware(c, d.assetId(), d.version(),
                                    d.reason(), PATCH_SERVICE).invoke(a -> {
                                        if (a.isEmpty()) {
                                            LOG.infof("deployment of %s to unknown asset %s ignored", d.version(),
                                                    d.assetId());
                                        }
                                    }))
                            .collect().last().replaceWithVoid();
                }))
                .invoke(x -> assets.published())
                .onFailure(TransientFailures::test).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }
}
