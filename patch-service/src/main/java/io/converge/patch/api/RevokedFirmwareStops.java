package io.converge.patch.api;

import io.converge.patch.domain.FirmwareRevoked;
import io.converge.patch.store.CampaignRepository;
import io.converge.rest.DomainException;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Revoking firmware stops the campaigns that use it (issue: "revoking stops running campaigns that use it"): those
 * already scheduled, running or paused fail, those not yet scheduled are cancelled, each audited with the actor
 * {@value #ACTOR} and the revocation as detail, and published like any other state change. Runs after the
 * revocation committed, on the replica that revoked.
 */
@ApplicationScoped
public class RevokedFirmwareStops {

    /** The actor recorded for actions the service takes itself. */
    public static final String ACTOR = "patch-service";
    private static final Logger LOG = Logger.getLogger(RevokedFirmwareStops.class);

    private final CampaignRepository campaigns;
    private final CampaignTransitions transitions;

    public RevokedFirmwareStops(CampaignRepository campaigns, CampaignTransitions transitions) {
        this.campaigns = campaigns;
        this.transitions = transitions;
    }

    void on(@ObservesAsync FirmwareRevoked e) {
        String detail = "firmware " + e.vendor() + " " + e.version() + " was revoked by " + e.actor()
                + (e.reason() == null ? "" : ": " + e.reason());
        campaigns.activeOnFirmware(e.firmwareId())
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> transitions.stop(id, ACTOR, detail)
                        .replaceWith(Boolean.TRUE)
                        .onFailure(DomainException.class).recoverWithItem(x -> {
                            // finished or cancelled meanwhile: nothing left to stop
                            LOG.debugf("campaign %s not stopped: %s", id, x.getMessage());
                            return Boolean.FALSE;
                        }))
                .collect().asList()
                .invoke(stopped -> {
                    long n = stopped.stream().filter(Boolean::booleanValue).count();
                    if (n > 0) {
                        LOG.infof("%d campaign(s) stopped: %s", n, detail);
                    }
                })
                .onFailure().invoke(x -> LOG.errorf(x, "could not stop the campaigns of revoked firmware %s",
                        e.firmwareId()))
                .onFailure().recoverWithNull()
                .await().atMost(Duration.ofSeconds(60));
    }
}
