package io.converge.security.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.SecurityAlertTypes;
import io.converge.outbox.OutboxStore;
import io.converge.security.config.SecurityConfig;
import io.converge.security.context.LiveContext;
import io.converge.security.context.WindowCache;
import io.converge.security.domain.Enricher;
import io.converge.security.domain.OcsfClass;
import io.converge.security.domain.RuleMatch;
import io.converge.security.domain.SecurityEvent;
import io.converge.security.domain.SeverityScore;
import io.converge.security.messaging.AlertEvents;
import io.converge.security.messaging.AlertPublisher;
import io.converge.security.messaging.SecurityOutboxRelay;
import io.converge.security.rules.RuleBook;
import io.converge.security.store.AlertStore;
import io.converge.security.store.AlertView;
import io.converge.security.store.EventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The way in for every event, whatever its channel: events stored before (same id) are skipped; the others are
 * enriched, evaluated by the rule set, and stored with the alerts they raise or update and the alert events (outbox)
 * in one transaction. Events that could not be normalized are stored raw with their parse error and counted.
 * After the commit the alerts go to the SSE stream and the relay sends their events.
 */
@ApplicationScoped
public class SecurityPipeline {

    /** What a batch did. */
    public record Outcome(int received, int stored, int failed, int duplicates, int alertsRaised, int alertsUpdated,
            List<UUID> alerts) {
    }

    private final EventStore events;
    private final AlertStore alerts;
    private final OutboxStore outbox;
    private final AlertEvents alertEvents;
    private final AlertPublisher publisher;
    private final SecurityOutboxRelay relay;
    private final AlertBroadcast broadcast;
    private final RuleBook rules;
    private final Enricher enricher;
    private final WindowCache windows;
    private final ObjectMapper json;
    private final Duration groupWindow;
    private final Counter normalized;
    private final Counter unparsed;
    private final Counter raised;

    public SecurityPipeline(EventStore events, AlertStore alerts, OutboxStore outbox, AlertEvents alertEvents,
            AlertPublisher publisher, SecurityOutboxRelay relay, AlertBroadcast broadcast, RuleBook rules, LiveContext context,
            WindowCache windows, ObjectMapper json, SecurityConfig config, MeterRegistry registry) {
        this.events = events;
        this.alerts = alerts;
        this.outbox = outbox;
        this.alertEvents = alertEvents;
        this.publisher = publisher;
        this.relay = relay;
        this.broadcast = broadcast;
        this.rules = rules;
        this.enricher = new Enricher(context);
        this.windows = windows;
        this.json = json;
        this.groupWindow = config.alerts().groupWindow();
        this.normalized = Counter.builder("converge.security.events.stored").tag("result", "normalized")
                .description("security events stored normalized (OCSF)").register(registry);
        this.unparsed = Counter.builder("converge.security.events.stored").tag("result", "unparsed")
                .description("security events kept raw with their parse error").register(registry);
        this.raised = Counter.builder("converge.security.alerts.raised").description("alerts raised")
                .register(registry);
    }

    public Uni<Outcome> process(List<Intake> batch) {
        Map<UUID, Intake> unique = new LinkedHashMap<>();
        List<Intake> failed = new ArrayList<>();
        for (Intake i : batch) {
            if (i.event() == null) {
                failed.add(i);
            } else {
                unique.putIfAbsent(i.id(), i);
            }
        }
        List<Intake> candidates = new ArrayList<>(unique.values());
        return windows.prefetch(windowQuestions(candidates)).flatMap(x -> store(batch.size(), candidates, failed));
    }

    /**
     * One transaction: the events are inserted first (an id stored before is skipped), then only those inserted now
     * are evaluated, so that a redelivered event neither counts twice in a frequency rule nor raises again.
     */
    private Uni<Outcome> store(int received, List<Intake> candidates, List<Intake> failed) {
        List<EventStore.NewEvent> rows = new ArrayList<>(candidates.size() + failed.size());
        List<SecurityEvent> enriched = new ArrayList<>(candidates.size());
        for (Intake i : candidates) {
            SecurityEvent e = enricher.enrich(i.event());
            enriched.add(e);
            rows.add(new EventStore.NewEvent(e.id(), e.time(), i.channel(), e.ocsfClass().uid(),
                    uuid(e.text("asset.id")), jsonb(e.ocsf()), jsonb(e.context()), i.raw(), null));
        }
        for (Intake i : failed) {
            rows.add(new EventStore.NewEvent(UUID.randomUUID(), i.received(), i.channel(), null, null, null, null,
                    i.raw(), i.error()));
        }
        List<AlertStore.Grouped> changed = new ArrayList<>();
        int[] fresh = new int[1];
        return alerts.pool().withTransaction(c -> events.insert(c, rows).flatMap(inserted -> {
            changed.clear();
            Map<String, AlertStore.Group> groups = new TreeMap<>();
            int n = 0;
            for (SecurityEvent e : enriched) {
                if (!inserted.contains(e.id())) {
                    continue;
                }
                n++;
                UUID asset = uuid(e.text("asset.id"));
                for (RuleMatch m : rules.engine().evaluate(e)) {
                    merge(groups, m, e, asset);
                }
            }
            fresh[0] = n;
            // in key order (the map is sorted), so that concurrent batches lock the same alerts in the same order
            // a raised alert is published now, an updated one at most once per publish interval (AlertPublisher)
            return alerts.group(c, new ArrayList<>(groups.values()), groupWindow, publisher.interval())
                    .flatMap(grouped -> {
                        changed.addAll(grouped);
                        return outbox.addAll(c, grouped.stream().filter(AlertStore.Grouped::publish)
                                .map(gr -> alertEvents.of(gr.raised() ? SecurityAlertTypes.RAISED
                                        : SecurityAlertTypes.UPDATED, gr.alert(), "security-service"))
                                .toList());
                    });
        })).map(x -> {
            normalized.increment(fresh[0]);
            unparsed.increment(failed.size());
            int up = 0;
            int rs = 0;
            List<UUID> ids = new ArrayList<>();
            boolean publishedNow = false;
            for (AlertStore.Grouped g : changed) {
                broadcast.publish(g.alert());
                if (g.publish()) {
                    publishedNow = true;
                } else {
                    publisher.defer(g.alert().id(), g.publishedAt());
                }
                ids.add(g.alert().id());
                if (g.raised()) {
                    rs++;
                } else {
                    up++;
                }
            }
            raised.increment(rs);
            if (publishedNow) {
                relay.kick();
            }
            return new Outcome(received, fresh[0], failed.size(), received - failed.size() - fresh[0], rs, up, ids);
        });
    }

    private void merge(Map<String, AlertStore.Group> groups, RuleMatch m, SecurityEvent e, UUID asset) {
        String criticality = e.text("asset.criticality");
        Object sl = e.field("asset.zone.sl_t");
        int score = SeverityScore.score(m.rule().level(), criticality, sl instanceof Number n ? n.intValue() : null);
        String key = m.rule().id() + "|" + (asset != null ? asset.toString() : subject(m, e));
        AlertStore.Group prev = groups.get(key);
        if (prev == null) {
            List<UUID> sample = new ArrayList<>(m.events().subList(0, Math.min(20, m.events().size())));
            groups.put(key, new AlertStore.Group(key, m.rule().id(), rules.version(m.rule().id()),
                    m.rule().description(), m.rule().level(), score, SeverityScore.severity(score), m.rule().mitre(),
                    jsonb(m.rule().response()), asset, e.text("asset.tag"), m.count(), e.time(), e.time(), e.id(),
                    sample));
            return;
        }
        List<UUID> sample = prev.sampleEvents();
        for (UUID id : m.events()) {
            if (sample.size() < 20) {
                sample.add(id);
            }
        }
        int best = Math.max(prev.score(), score);
        groups.put(key, new AlertStore.Group(key, prev.ruleId(), prev.ruleVersion(), prev.title(), prev.level(), best,
                SeverityScore.severity(best), prev.techniques(), prev.suggestionsJson(), asset, prev.assetTag(),
                prev.count() + m.count(), prev.firstSeen().isBefore(e.time()) ? prev.firstSeen() : e.time(),
                prev.lastSeen().isAfter(e.time()) ? prev.lastSeen() : e.time(),
                prev.lastSeen().isAfter(e.time()) ? prev.lastEventId() : e.id(), sample));
    }

    /**
     * What an alert without an asset is about: the value the rule groups or chains by (the account of a brute-force
     * series, the source of a scan), so that two accounts' series are two alerts; "-" when the rule has none.
     */
    private static String subject(RuleMatch m, SecurityEvent e) {
        String field = m.rule().frequency() != null ? m.rule().frequency().groupBy()
                : m.rule().ifMatched() != null ? m.rule().ifMatched().sameField() : null;
        String value = field == null ? null : e.text(field);
        return value == null ? "-" : field + "=" + value;
    }

    /** The sites whose maintenance window the logons of this batch need (asked once per site). */
    private List<WindowCache.SiteTime> windowQuestions(List<Intake> candidates) {
        List<WindowCache.SiteTime> out = new ArrayList<>();
        Set<UUID> sites = new HashSet<>();
        for (Intake i : candidates) {
            SecurityEvent e = i.event();
            if (e.ocsfClass() != OcsfClass.AUTHENTICATION) {
                continue;
            }
            enricher.subject(e).map(a -> a.siteId()).ifPresent(site -> {
                if (windows.open(site, e.time()).isEmpty() && sites.add(site)) {
                    out.add(new WindowCache.SiteTime(site, e.time()));
                }
            });
        }
        return out;
    }

    private String jsonb(Object value) {
        try {
            // PostgreSQL's jsonb refuses the NUL character: keep it visible as text instead
            return json.writeValueAsString(value).replace("\\u0000", "\\\\u0000");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
