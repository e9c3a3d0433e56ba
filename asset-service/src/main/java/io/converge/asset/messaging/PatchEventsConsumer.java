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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes converge.patch.events: a {@code deployment-succeeded} event sets the asset's firmware version (asset-service
 * stays the one writer of assets), audited and published as firmware-changed with patch-service as the actor. Other
 * event types are skipped. Idempotent on the event id (recorded in the same transaction); a record that cannot be
 * read goes to converge.patch.events.dlq with the reason; transient failures are retried until they pass.
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

    @Incoming("patch-events")
    public Uni<Void> onEvent(String record) {
        CloudEvent<DeploymentEventData> ce;
        try {
            JsonNode node = json.readTree(record == null ? "" : record);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a CloudEvent object");
            }
            if (!PatchEventTypes.DEPLOYMENT_SUCCEEDED.equals(node.path("type").asText(null))) {
                return Uni.createFrom().voidItem();
            }
            ce = json.convertValue(node, new TypeReference<CloudEvent<DeploymentEventData>>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable patch event: " + e.getMessage()));
        }
        DeploymentEventData d = ce.data();
        if (d == null || d.assetId() == null || d.toVersion() == null || d.toVersion().isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "deployment-succeeded event " + ce.id() + " without asset id or firmware version"));
        }
        UUID eventId = UUID.fromString(ce.id());
        String reason = "campaign " + d.campaignId() + (d.rollback() ? " (rollback)" : "");
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO consumed_event (id) VALUES ($1)"
                + " ON CONFLICT DO NOTHING").execute(Tuple.of(eventId)).flatMap(rs -> rs.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : assets.recordFirmware(c, d.assetId(), d.toVersion().trim(), reason, PATCH_SERVICE)
                                .invoke(a -> {
                                    if (a.isEmpty()) {
                                        LOG.infof("deployment of %s to unknown asset %s ignored", d.toVersion(),
                                                d.assetId());
                                    }
                                }).replaceWithVoid()))
                .invoke(x -> assets.published())
                .onFailure(TransientFailures::test).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }
}
