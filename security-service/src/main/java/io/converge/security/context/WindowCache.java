package io.converge.security.context;

import io.converge.security.config.SecurityConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Whether a site's maintenance window is open at a time, as patch-service answers it (it owns the windows and their
 * cron expressions). An answer holds for an interval: open from the asked time until it closes, closed until it next
 * opens (capped at the TTL); one call per window boundary and site. Without an answer (patch-service down) the
 * question stays open and the enricher leaves the field out, which rules treat as closed.
 */
@ApplicationScoped
public class WindowCache {

    private static final Logger LOG = Logger.getLogger(WindowCache.class);

    /** An answer: open or not over [from, until). */
    record Interval(Instant from, Instant until, boolean open) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && t.isBefore(until);
        }
    }

    /** A question: the site's window at a time. */
    public record SiteTime(UUID site, Instant at) {
    }

    private final Downstream patch;
    private final Duration ttl;
    private final Map<UUID, List<Interval>> answers = new ConcurrentHashMap<>();

    public WindowCache(Downstream patch, SecurityConfig config) {
        this.patch = patch;
        this.ttl = config.context().windowCacheTtl();
    }

    public Optional<Boolean> open(UUID site, Instant at) {
        List<Interval> list = answers.get(site);
        if (list != null) {
            for (Interval i : list) {
                if (i.covers(at)) {
                    return Optional.of(i.open());
                }
            }
        }
        return Optional.empty();
    }

    /** Asks patch-service what is not known yet (one call per site), before a batch is enriched. */
    public Uni<Void> prefetch(Collection<SiteTime> questions) {
        Map<UUID, SiteTime> missing = new java.util.HashMap<>();
        for (SiteTime q : questions) {
            if (open(q.site(), q.at()).isEmpty()) {
                missing.putIfAbsent(q.site(), q);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> calls = new ArrayList<>();
        missing.values().forEach(q -> calls.add(ask(q).onFailure().invoke(e -> LOG.debugf(
                "maintenance window of site %s unknown: %s", q.site(), e.toString())).onFailure().recoverWithNull()
                .replaceWithVoid()));
        return Uni.join().all(calls).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> ask(SiteTime q) {
        return patch.window(q.site(), q.at()).map(r -> {
            Interval i;
            if (r.getStatus() == 404) {
                i = new Interval(q.at(), q.at().plus(ttl), false);
            } else if (r.getStatus() == 200) {
                PatchClient.Window w = r.readEntity(PatchClient.Window.class);
                Instant edge = w.open() ? w.closesAt() : w.nextOpening();
                Instant cap = q.at().plus(ttl);
                i = new Interval(q.at(), edge == null || edge.isAfter(cap) ? cap : edge, w.open());
            } else {
                throw new IllegalStateException("patch-service answered " + r.getStatus());
            }
            List<Interval> list = answers.computeIfAbsent(q.site(), k -> new CopyOnWriteArrayList<>());
            list.add(i);
            if (list.size() > 32) {
                list.remove(0);
            }
            return null;
        });
    }

    /** Forgets every answer (a window was changed). */
    public void clear() {
        answers.clear();
    }
}
