package io.converge.patch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.outbox.OutboxStore;
import io.converge.patch.domain.MaintenanceWindow;
import io.converge.patch.domain.Windows;
import io.converge.patch.messaging.DeploymentEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.store.DeploymentRepository.Action;
import io.converge.patch.store.DeviceActions;
import io.converge.patch.store.SiteWindowRepository;
import io.converge.patch.store.SiteWindowRepository.SiteWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What devices are offered when they poll, for one device or for the many a gateway speaks for (the same few
 * statements either way). A rollback comes before any update. An action already offered and not finished is answered
 * again (the device may have lost the answer); a new one is offered only inside the site's maintenance window (a
 * site without a window, or a device without a site, is never offered one) and, for an update, the campaign's own
 * window too. Offering marks the action offered and publishes it (outbox), in one transaction for the whole poll.
 */
@ApplicationScoped
public class DeviceDeployments {

    private final Pool pool;
    private final DeviceActions actions;
    private final SiteWindowRepository windows;
    private final WindowCache parsed;
    private final OutboxStore outbox;
    private final DeploymentEvents events;
    private final PatchOutboxRelay relay;
    private final ObjectMapper json;

    public DeviceDeployments(Pool pool, DeviceActions actions, SiteWindowRepository windows, WindowCache parsed,
            OutboxStore outbox, DeploymentEvents events, PatchOutboxRelay relay, ObjectMapper json) {
        this.pool = pool;
        this.actions = actions;
        this.windows = windows;
        this.parsed = parsed;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.json = json;
    }

    /** The device's action, empty when there is none. */
    public Uni<Optional<Action>> poll(String tag, Instant now) {
        return poll(List.of(tag), now).map(m -> Optional.ofNullable(m.get(tag)));
    }

    /** Per tag (distinct), the action the device should work on now; tags with nothing to do are absent. */
    public Uni<Map<String, Action>> poll(List<String> tags, Instant now) {
        return actions.currentRollbacks(pool, tags).flatMap(rollbacks -> {
            List<String> rest = tags.stream().filter(t -> !rollbacks.containsKey(t)).toList();
            Uni<Map<String, Action>> updates = rest.isEmpty() ? Uni.createFrom().item(Map.of())
                    : actions.current(pool, rest);
            return updates.flatMap(ups -> decide(tags, rollbacks, ups, now));
        });
    }

    private Uni<Map<String, Action>> decide(List<String> tags, Map<String, Action> rollbacks,
            Map<String, Action> updates, Instant now) {
        Set<UUID> sites = new HashSet<>();
        for (Action a : rollbacks.values()) {
            if (pending(a) && a.siteId() != null) {
                sites.add(a.siteId());
            }
        }
        for (Action a : updates.values()) {
            if (pending(a) && a.siteId() != null) {
                sites.add(a.siteId());
            }
        }
        return windows.find(sites).flatMap(siteWindows -> {
            Map<String, Action> answer = new LinkedHashMap<>();
            List<UUID> offerUpdates = new ArrayList<>();
            List<UUID> offerRollbacks = new ArrayList<>();
            for (String tag : tags) {
                Action a = rollbacks.containsKey(tag) ? rollbacks.get(tag) : updates.get(tag);
                if (a == null) {
                    continue;
                }
                if (!pending(a)) {
                    answer.put(tag, a);
                } else if (open(a, siteWindows.get(a.siteId()), now)) {
                    (a.rollback() ? offerRollbacks : offerUpdates).add(a.actionId());
                }
            }
            if (offerUpdates.isEmpty() && offerRollbacks.isEmpty()) {
                return Uni.createFrom().item(answer);
            }
            return offer(offerUpdates, offerRollbacks).map(offered -> {
                // keep the order of the tags asked for
                Map<String, Action> out = new LinkedHashMap<>();
                for (String tag : tags) {
                    Action a = answer.containsKey(tag) ? answer.get(tag) : offered.get(tag);
                    if (a != null) {
                        out.put(tag, a);
                    }
                }
                return out;
            });
        });
    }

    /**
     * Marks the actions offered and publishes them; an action a concurrent poll offered first is answered as it is
     * now. By tag.
     */
    private Uni<Map<String, Action>> offer(List<UUID> updates, List<UUID> rollbacks) {
        return pool.withTransaction(c -> actions.offer(c, updates).flatMap(u -> actions.offerRollbacks(c, rollbacks)
                .map(r -> {
                    List<Action> all = new ArrayList<>(u);
                    all.addAll(r);
                    return all;
                }))
                .call(offered -> outbox.addAll(c, offered.stream().map(events::changed).toList())))
                .invoke(relay::kick)
                .flatMap(offered -> {
                    Map<String, Action> out = new LinkedHashMap<>();
                    offered.forEach(a -> out.put(a.tag(), a));
                    Set<UUID> got = new HashSet<>();
                    offered.forEach(a -> got.add(a.actionId()));
                    List<UUID> raced = new ArrayList<>();
                    updates.stream().filter(id -> !got.contains(id)).forEach(raced::add);
                    rollbacks.stream().filter(id -> !got.contains(id)).forEach(raced::add);
                    if (raced.isEmpty()) {
                        return Uni.createFrom().item(out);
                    }
                    return actions.find(pool, raced, false).map(now -> {
                        now.values().stream().filter(Objects::nonNull).forEach(a -> out.put(a.tag(), a));
                        return out;
                    });
                });
    }

    private static boolean pending(Action a) {
        return "pending".equals(a.state());
    }

    /** A rollback needs the site's window only (the campaign's own is for its update, and it may be over). */
    private boolean open(Action a, SiteWindow site, Instant now) {
        if (a.siteId() == null || site == null) {
            return false;
        }
        MaintenanceWindow siteWindow = parsed.of(site.cron(), site.duration(), site.zone());
        return Windows.isOpen(now, siteWindow, a.rollback() ? null : campaignWindow(a));
    }

    private MaintenanceWindow campaignWindow(Action a) {
        if (a.window() == null) {
            return null;
        }
        try {
            JsonNode w = json.readTree(a.window());
            if (w == null || w.isNull() || w.isMissingNode()) {
                return null;
            }
            return parsed.of(w.path("cron").asText(), Duration.parse(w.path("duration").asText()),
                    w.path("zone").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign window of " + a.campaignId(), e);
        }
    }
}
