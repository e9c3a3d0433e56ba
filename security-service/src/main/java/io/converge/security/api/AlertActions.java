package io.converge.security.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.events.SecurityAlertTypes;
import io.converge.outbox.OutboxStore;
import io.converge.rest.DomainException;
import io.converge.security.context.Downstream;
import io.converge.security.domain.AlertState;
import io.converge.security.intake.AlertBroadcast;
import io.converge.security.messaging.AlertEvents;
import io.converge.security.messaging.SecurityOutboxRelay;
import io.converge.security.store.AlertStore;
import io.converge.security.store.AlertView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What analysts do with an alert, each audited with the actor and published: lifecycle moves, assignment, notes,
 * and response actions against the other services — quarantine the asset (asset-service), pause a campaign
 * (patch-service). A response action's outcome (succeeded, or failed with the reason) is recorded on the alert either
 * way; a failed one is answered 502 with that reason.
 */
@ApplicationScoped
public class AlertActions {

    private final AlertStore alerts;
    private final OutboxStore outbox;
    private final AlertEvents events;
    private final SecurityOutboxRelay relay;
    private final AlertBroadcast broadcast;
    private final Downstream downstream;
    private final ObjectMapper json;

    public AlertActions(AlertStore alerts, OutboxStore outbox, AlertEvents events, SecurityOutboxRelay relay,
            AlertBroadcast broadcast, Downstream downstream, ObjectMapper json) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.broadcast = broadcast;
        this.downstream = downstream;
        this.json = json;
    }

    public Uni<AlertView> move(UUID id, AlertState to, Long expected, String note, String actor) {
        return change(id, expected, actor, "state:" + to.wire(), Map.of("to", to.wire()), (c, a) -> {
            AlertState.of(a.state()).moveTo(to);
            Uni<Void> n = note == null ? Uni.createFrom().voidItem() : alerts.note(c, id, actor, note);
            return n.flatMap(x -> alerts.update(c, id, to.wire(), null, false, null));
        });
    }

    public Uni<AlertView> assign(UUID id, String assignee, Long expected, String actor) {
        Map<String, Object> detail = new java.util.HashMap<>();
        detail.put("assignee", assignee);
        return change(id, expected, actor, "assign", detail,
                (c, a) -> alerts.update(c, id, null, assignee, assignee == null, null));
    }

    public Uni<Void> note(UUID id, String text, String actor) {
        return alerts.pool().withTransaction(c -> alerts.get(c, id, true).flatMap(a -> {
            if (a == null) {
                throw DomainException.notFound("alert", id);
            }
            return alerts.note(c, id, actor, text).flatMap(x -> alerts.audit(c, id, actor, "note", null));
        }));
    }

    /** Quarantines the alert's asset through asset-service (reads its ETag, then changes its status). */
    public Uni<AlertView> quarantine(UUID id, String reason, String actor) {
        return alerts.get(alerts.pool(), id, false).flatMap(a -> {
            if (a == null) {
                throw DomainException.notFound("alert", id);
            }
            if (a.assetId() == null) {
                throw new DomainException(DomainException.Kind.UNPROCESSABLE,
                        "the alert concerns no registered asset: nothing to quarantine");
            }
            String why = reason != null ? reason : "security alert " + id + ": " + a.title();
            Uni<Outcome> call = downstream.asset(a.assetId()).flatMap(r -> {
                if (r.getStatus() != 200) {
                    return Uni.createFrom().item(Outcome.failed("asset-service answered " + r.getStatus()
                            + " reading the asset"));
                }
                String etag = r.getHeaderString("ETag");
                return downstream.quarantine(a.assetId(), etag, why).map(s -> s.getStatus() / 100 == 2
                        ? Outcome.ok("asset " + a.assetTag() + " quarantined")
                        : Outcome.failed("asset-service answered " + s.getStatus() + ": " + body(s)));
            });
            return record(a, "quarantine-asset", String.valueOf(a.assetId()), call, actor);
        });
    }

    /** Pauses a running campaign through patch-service. */
    public Uni<AlertView> pauseCampaign(UUID id, UUID campaign, String reason, String actor) {
        return alerts.get(alerts.pool(), id, false).flatMap(a -> {
            if (a == null) {
                throw DomainException.notFound("alert", id);
            }
            String why = reason != null ? reason : "security alert " + id + ": " + a.title();
            Uni<Outcome> call = downstream.pause(campaign, why).map(s -> s.getStatus() / 100 == 2
                    ? Outcome.ok("campaign " + campaign + " paused")
                    : Outcome.failed("patch-service answered " + s.getStatus() + ": " + body(s)));
            return record(a, "pause-campaign", campaign.toString(), call, actor);
        });
    }

    record Outcome(boolean ok, String detail) {
        static Outcome ok(String d) {
            return new Outcome(true, d);
        }

        static Outcome failed(String d) {
            return new Outcome(false, d);
        }
    }

    private Uni<AlertView> record(AlertView a, String action, String target, Uni<Outcome> call, String actor) {
        return call.onFailure().recoverWithItem(e -> Outcome.failed("unreachable: " + e.getMessage()))
                .flatMap(o -> {
                    AlertView.ActionResult result = new AlertView.ActionResult(action, target,
                            o.ok() ? "succeeded" : "failed", o.detail(), actor, Instant.now());
                    return change(a.id(), null, actor, action, result, (c, cur) -> {
                        List<AlertView.ActionResult> all = new ArrayList<>(cur.responses());
                        all.add(result);
                        return alerts.update(c, a.id(), null, null, false, write(all));
                    }).map(updated -> {
                        if (!o.ok()) {
                            throw new ResponseActionFailed(action + " failed: " + o.detail());
                        }
                        return updated;
                    });
                });
    }

    /** A response action the other service refused or could not take (502); recorded on the alert. */
    public static final class ResponseActionFailed extends DomainException {
        ResponseActionFailed(String detail) {
            super(Kind.BAD_GATEWAY, detail);
        }
    }

    interface Change {
        Uni<AlertView> apply(io.vertx.mutiny.sqlclient.SqlClient c, AlertView current);
    }

    private Uni<AlertView> change(UUID id, Long expected, String actor, String action, Object detail, Change f) {
        return alerts.pool().withTransaction(c -> alerts.get(c, id, true).flatMap(a -> {
            if (a == null) {
                throw DomainException.notFound("alert", id);
            }
            if (expected != null && a.version() != expected) {
                throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "alert " + id + " is at version "
                        + a.version() + ", not " + expected);
            }
            return f.apply(c, a).call(u -> alerts.audit(c, id, actor, action, write(detail)))
                    .call(u -> outbox.add(c, events.of(SecurityAlertTypes.STATE_CHANGED, u, actor)));
        })).invoke(u -> {
            broadcast.publish(u);
            relay.kick();
        });
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(Response r) {
        try {
            String s = r.readEntity(String.class);
            return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
