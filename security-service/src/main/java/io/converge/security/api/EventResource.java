package io.converge.security.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.rest.RequestParams;
import io.converge.rest.RoleNames;
import io.converge.security.config.SecurityConfig;
import io.converge.security.domain.JsonEvents;
import io.converge.security.domain.NormalizationException;
import io.converge.security.intake.Intake;
import io.converge.security.intake.SecurityPipeline;
import io.converge.security.store.Cursor;
import io.converge.security.store.EventStore;
import io.converge.security.store.Page;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Security events over HTTP: a batch of OCSF documents or short forms ({@code kind}: badge, door, logon,
 * connection). A batch is taken whole or not at all: any event that cannot be normalized makes it a 422 naming each
 * one (by index), and nothing is stored — the sender still holds it and can fix it. (Syslog and Kafka senders cannot
 * be answered: what they send and cannot be parsed is kept raw with its parse error.)
 */
@Path("/api/v1/security/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final SecurityPipeline pipeline;
    private final EventStore store;
    private final ObjectMapper json;
    private final JsonEvents normalizer = new JsonEvents(Clock.systemUTC());
    private final SecurityConfig config;
    private final Counter rejected;

    public EventResource(SecurityPipeline pipeline, EventStore store, ObjectMapper json, SecurityConfig config,
            MeterRegistry registry) {
        this.pipeline = pipeline;
        this.store = store;
        this.json = json;
        this.config = config;
        this.rejected = Counter.builder("converge.security.events.rejected")
                .description("events refused at the API (batch answered 4xx)").register(registry);
    }

    /** The intakes events are stored from (the list's intake filter). */
    private static final List<String> INTAKES = List.of("api", "kafka", "syslog-tcp", "syslog-udp");

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({RoleNames.SECURITY_ANALYST, RoleNames.DEVICE})
    @Operation(summary = "Ingest a batch of security events", description = "A JSON array (or one object) of OCSF"
            + " events (class_uid …) or short forms with kind: badge-granted, badge-denied, door-forced,"
            + " door-held-open, logon-success, logon-failure, connection. Evaluated by the rule set at once; answers"
            + " what was stored and which alerts were raised or updated. 413 over the batch limit, 422 when any"
            + " event is invalid (nothing stored).")
    public Uni<SecurityPipeline.Outcome> ingest(byte[] body) {
        JsonNode root;
        try {
            // bytes, not a String: the strict mapper then refuses malformed UTF-8 (overlong forms, encoded surrogates)
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            rejected.increment();
            throw DomainException.badRequest("the body is not valid JSON: " + io.converge.rest.JsonShapes.parseError(e));
        } catch (java.io.IOException e) {
            rejected.increment();
            throw DomainException.badRequest(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw DomainException.badRequest("the body is empty: send a JSON array of events");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        if (items.isEmpty()) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "the batch holds no event");
        }
        if (items.size() > config.intake().maxBatch()) {
            rejected.increment(items.size());
            throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE, "a batch holds at most "
                    + config.intake().maxBatch() + " events, this one " + items.size());
        }
        List<Intake> batch = new ArrayList<>(items.size());
        List<FieldError> errors = new ArrayList<>();
        boolean unknownClass = false;
        for (int i = 0; i < items.size(); i++) {
            String text = io.converge.rest.TextChecks.problem(items.get(i), "");
            if (text != null) {
                errors.add(new FieldError((long) i, null, text));
                continue;
            }
            try {
                batch.add(Intake.ok("api", items.get(i).toString(), normalizer.normalize(items.get(i), "api")));
            } catch (NormalizationException e) {
                unknownClass |= e.unknownClass();
                errors.add(new FieldError((long) i, e.unknownClass() ? "class_uid" : null, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            rejected.increment(items.size());
            throw DomainException.unprocessable((unknownClass ? "unknown OCSF class: " : "")
                    + errors.size() + " of " + items.size() + " events cannot be normalized; nothing was stored",
                    errors);
        }
        return pipeline.process(batch);
    }

    @GET
    @RolesAllowed(RoleNames.SECURITY_ANALYST)
    @Operation(summary = "Stored events, newest first", description = "Filters: classUid, assetId, failed=true"
            + " (kept raw with a parse error), intake (api, kafka, syslog-tcp, syslog-udp), since, until.")
    public Uni<Page<EventStore.StoredEvent>> list(@QueryParam("classUid") Integer classUid,
            @QueryParam("assetId") String assetId, @QueryParam("failed") String failed,
            @QueryParam("intake") String intake, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        int n = RequestParams.limit(limit, config.alerts().defaultLimit(), config.alerts().maxLimit());
        if (intake != null && !INTAKES.contains(intake)) {
            throw DomainException.badRequest("intake must be one of " + String.join(", ", INTAKES));
        }
        Instant from = Params.instant("since", since);
        Instant to = Params.instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.badRequest("since must be before until");
        }
        return store.list(new EventStore.Filter(classUid, Params.uuid("assetId", assetId), Params.bool("failed",
                failed), intake, from, to), Cursor.decode(cursor), n);
    }

    @GET
    @Path("stats")
    @RolesAllowed(RoleNames.SECURITY_ANALYST)
    @Operation(summary = "Events stored per intake: normalized and kept raw (unparsed)")
    public Uni<Map<String, Map<String, Long>>> stats() {
        return store.stats();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.SECURITY_ANALYST)
    @Operation(summary = "One event: its OCSF document, context, raw form and parse error")
    public Uni<EventStore.StoredEvent> get(@PathParam("id") String id) {
        return store.get(RequestParams.uuid("id", id)).map(e -> {
            if (e == null) {
                throw DomainException.notFound("event", id);
            }
            return e;
        });
    }
}
