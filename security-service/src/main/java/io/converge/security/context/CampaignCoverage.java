package io.converge.security.context;

import io.converge.events.CampaignEventData;
import io.converge.events.DeploymentEventData;
import io.converge.security.config.SecurityConfig;
import io.converge.security.store.ContextStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which firmware changes a campaign covers: patch events tell which deployment offered which version to which asset
 * and the campaign's state. A change of an asset to version V at time t is covered when a deployment of V to that
 * asset was offered within the cover window before t (or up to 5 minutes after, for clocks apart) by a campaign that
 * is running, paused or completed (so it was approved: four eyes), and the deployment was not cancelled.
 */
@ApplicationScoped
public class CampaignCoverage {

    private static final Set<String> COVERING = Set.of("running", "paused", "completed");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private final ContextStore store;
    private final Duration window;
    private final Map<UUID, String> campaigns = new ConcurrentHashMap<>();
    private final Map<UUID, List<ContextStore.Deployment>> byAsset = new ConcurrentHashMap<>();

    public CampaignCoverage(ContextStore store, SecurityConfig config) {
        this.store = store;
        this.window = config.context().campaignCoverWindow();
    }

    public Uni<Void> load(Clock clock) {
        return store.campaigns().invoke(list -> list.forEach(c -> campaigns.put(c.id(), c.state())))
                .flatMap(x -> store.deployments(clock.instant().minus(window).minus(SKEW)))
                .invoke(list -> list.forEach(this::put)).replaceWithVoid();
    }

    /** Applies a batch of patch events: the in-memory view at once, the stored view in two statements. */
    public Uni<Void> apply(List<CampaignEventData> campaignEvents, List<DeploymentEventData> deploymentEvents) {
        Instant now = Instant.now();
        List<ContextStore.CampaignState> states = new ArrayList<>(campaignEvents.size());
        for (CampaignEventData c : campaignEvents) {
            campaigns.put(c.campaignId(), c.state());
            states.add(new ContextStore.CampaignState(c.campaignId(), c.state(), c.at() != null ? c.at() : now));
        }
        List<ContextStore.Deployment> deployments = new ArrayList<>(deploymentEvents.size());
        for (DeploymentEventData d : deploymentEvents) {
            if (d.actionId() == null || d.assetId() == null || d.campaignId() == null) {
                continue;
            }
            ContextStore.Deployment dep = new ContextStore.Deployment(d.actionId(), d.campaignId(), d.assetId(),
                    d.toVersion(), d.state(), d.at() != null ? d.at() : now);
            put(dep);
            deployments.add(dep);
        }
        return store.upsertCampaigns(states).call(() -> store.upsertDeployments(deployments));
    }

    public boolean covers(UUID assetId, String version, Instant at) {
        List<ContextStore.Deployment> list = byAsset.get(assetId);
        if (list == null) {
            return false;
        }
        for (ContextStore.Deployment d : list) {
            // a campaign whose state is not known yet covers nothing (Set.of(...).contains(null) would throw)
            String campaign = campaigns.get(d.campaignId());
            if (version.equals(d.toVersion()) && !"cancelled".equals(d.state()) && campaign != null
                    && COVERING.contains(campaign)
                    && !d.at().isBefore(at.minus(window)) && !d.at().isAfter(at.plus(SKEW))) {
                return true;
            }
        }
        return false;
    }

    private void put(ContextStore.Deployment d) {
        List<ContextStore.Deployment> list = byAsset.computeIfAbsent(d.assetId(), k -> new CopyOnWriteArrayList<>());
        list.removeIf(x -> x.actionId().equals(d.actionId()));
        // one entry per action: its latest state and time
        list.add(d);
        if (list.size() > 20) {
            list.remove(0);
        }
    }
}
