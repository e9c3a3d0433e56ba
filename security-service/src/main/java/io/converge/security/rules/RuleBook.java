package io.converge.security.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.security.domain.Rule;
import io.converge.security.domain.RuleEngine;
import io.converge.security.domain.RuleParser;
import io.converge.security.domain.RuleValidationException;
import io.converge.security.store.RuleStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The rule set in force: stored rules (the shipped set is seeded into an empty table on first start), validated
 * as a whole on every change (an {@code ifMatched} must name an existing rule, a rule others chain on cannot be
 * deleted), compiled into the {@link RuleEngine} the intake uses. Changes made through another replica are picked up
 * by {@link #refreshIfChanged()}.
 */
@ApplicationScoped
public class RuleBook {

    private static final Logger LOG = Logger.getLogger(RuleBook.class);
    private final RuleStore store;
    private final ObjectMapper json;
    private volatile RuleEngine engine = new RuleEngine(List.of());
    private volatile Map<String, Integer> versions = Map.of();
    private volatile String fingerprint = "";

    public RuleBook(RuleStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public RuleEngine engine() {
        return engine;
    }

    public int version(String ruleId) {
        return versions.getOrDefault(ruleId, 0);
    }

    /** Seeds the shipped rule set into an empty store, then loads. */
    public Uni<Void> start() {
        List<Rule> shipped = RuleParser.loadDefault();
        return store.pool().withTransaction(c -> store.seeded(c).flatMap(seeded -> {
            if (seeded) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Rule r : shipped) {
                chain = chain.flatMap(x -> store.insert(c, r.id(), 1, write(r.definition()), r.enabled(), true,
                        "security-service", "shipped").replaceWithVoid());
            }
            return chain.invoke(x -> LOG.infof("seeded the shipped rule set: %d rules", shipped.size()));
        })).flatMap(x -> reload());
    }

    public Uni<Void> reload() {
        return store.fingerprint().flatMap(fp -> store.all().invoke(rows -> {
            List<Rule> rules = new ArrayList<>();
            Map<String, Integer> v = new HashMap<>();
            for (RuleStore.StoredRule s : rows) {
                try {
                    rules.add(RuleParser.parse(json.readTree(s.definition())));
                    v.put(s.id(), s.version());
                } catch (Exception e) {
                    LOG.errorf("stored rule %s cannot be used: %s", s.id(), e.getMessage());
                }
            }
            engine = new RuleEngine(rules);
            versions = Map.copyOf(v);
            fingerprint = fp;
        })).replaceWithVoid();
    }

    /** Reloads when the stored rules changed (another replica edited them). */
    public Uni<Void> refreshIfChanged() {
        return store.fingerprint().flatMap(fp -> fp.equals(fingerprint) ? Uni.createFrom().voidItem() : reload());
    }

    /** Validates a definition (422 with every problem), also against the set it would join. */
    public Rule validate(JsonNode definition, String replacing) {
        Rule r = RuleParser.parse(definition);
        List<Rule> set = new ArrayList<>(engine.allRules());
        set.removeIf(x -> x.id().equals(r.id()) || x.id().equals(replacing));
        set.add(r);
        List<FieldError> errors = RuleParser.references(set);
        if (!errors.isEmpty()) {
            throw new RuleValidationException("the rule does not fit the rule set", errors);
        }
        return r;
    }

    public Uni<RuleStore.StoredRule> create(JsonNode definition, String actor) {
        Rule r = validate(definition, null);
        return store.pool().withTransaction(c -> store.get(c, r.id(), true).flatMap(existing -> {
            if (existing != null) {
                throw DomainException.conflict("rule " + r.id() + " exists already; PUT changes it");
            }
            return store.nextVersion(c, r.id()).flatMap(v -> store.insert(c, r.id(), v, write(r.definition()),
                    r.enabled(), false, actor, "created"));
        })).call(this::reload);
    }

    public Uni<RuleStore.StoredRule> replace(String id, JsonNode definition, Long expected, String actor) {
        if (definition instanceof ObjectNode o && !o.has("id")) {
            o.put("id", id);
        }
        Rule r = validate(definition, id);
        if (!r.id().equals(id)) {
            throw new RuleValidationException("the rule's id cannot change", List.of(FieldError.of("id",
                    "must be " + id)));
        }
        return store.pool().withTransaction(c -> store.get(c, id, true).flatMap(existing -> {
            check(existing, id, expected);
            return store.nextVersion(c, id).flatMap(v -> store.update(c, id, v, write(r.definition()), r.enabled(),
                    actor));
        })).call(this::reload);
    }

    public Uni<Void> delete(String id, Long expected, String actor) {
        List<String> dependents = engine.allRules().stream().filter(r -> r.ifMatched() != null
                && r.ifMatched().rule().equals(id)).map(Rule::id).toList();
        if (!dependents.isEmpty()) {
            throw DomainException.conflict("rules " + dependents + " chain on rule " + id + ": change them first");
        }
        return store.pool().withTransaction(c -> store.get(c, id, true).flatMap(existing -> {
            check(existing, id, expected);
            return store.nextVersion(c, id).flatMap(v -> store.delete(c, id, v, actor));
        })).call(this::reload);
    }

    private static void check(RuleStore.StoredRule existing, String id, Long expected) {
        if (existing == null) {
            throw DomainException.notFound("rule", id);
        }
        if (expected == null) {
            throw new DomainException(DomainException.Kind.PRECONDITION_REQUIRED,
                    "If-Match with the rule's ETag is required");
        }
        if (existing.version() != expected) {
            throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "rule " + id + " is at version "
                    + existing.version() + ", not " + expected);
        }
    }

    private String write(JsonNode n) {
        try {
            return json.writeValueAsString(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
