package io.converge.telemetry.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.CloudEvent;
import io.converge.events.SecurityEventTypes;
import io.converge.events.SecurityFindingData;
import io.converge.events.TelemetryEventTypes;
import io.converge.events.TelemetryPointsData;
import io.converge.events.Topics;
import io.converge.outbox.OutboxStore;
import io.converge.telemetry.domain.AssetRef;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.store.PointStore.Accepted;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the outbox rows of an ingest batch: one CloudEvent per asset with its new points, and findings. */
@ApplicationScoped
public class TelemetryEvents {

    private final ObjectMapper json;

    public TelemetryEvents(ObjectMapper json) {
        this.json = json;
    }

    public List<OutboxStore.Pending> points(List<Accepted> fresh, String channel) {
        Map<UUID, List<Accepted>> byAsset = new LinkedHashMap<>();
        for (Accepted a : fresh) {
            byAsset.computeIfAbsent(a.asset().id(), k -> new ArrayList<>()).add(a);
        }
        List<OutboxStore.Pending> out = new ArrayList<>(byAsset.size());
        for (List<Accepted> group : byAsset.values()) {
            AssetRef asset = group.get(0).asset();
            List<TelemetryPointsData.Sample> samples = new ArrayList<>(group.size());
            for (Accepted a : group) {
                Point p = a.point();
                samples.add(new TelemetryPointsData.Sample(p.metric(), p.ts(), p.value(), p.state(),
                        p.quality().wire(), p.messageId()));
            }
            CloudEvent<TelemetryPointsData> ce = CloudEvent.of(TelemetryEventTypes.SOURCE, TelemetryEventTypes.POINTS,
                    asset.id().toString(), new TelemetryPointsData(asset.id(), asset.tag(), asset.siteId(), channel,
                            samples));
            out.add(new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.TELEMETRY_POINTS, asset.id().toString(),
                    write(ce)));
        }
        return out;
    }

    public OutboxStore.Pending finding(SecurityFindingData finding) {
        String subject = finding.assetId() == null ? null : finding.assetId().toString();
        CloudEvent<SecurityFindingData> ce = CloudEvent.of(TelemetryEventTypes.SOURCE, SecurityEventTypes.FINDING,
                subject, finding);
        // unknown devices have no asset id: key by the claimed tag so one sender's reports stay in order
        String key = subject != null ? subject : "tag:" + finding.assetTag();
        return new OutboxStore.Pending(UUID.fromString(ce.id()), Topics.SECURITY_EVENTS, key, write(ce));
    }

    private String write(Object ce) {
        try {
            return json.writeValueAsString(ce);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an event", e);
        }
    }
}
