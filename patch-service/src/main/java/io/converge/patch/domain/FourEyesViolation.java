package io.converge.patch.domain;

/** The creator of a campaign tried to approve or reject it (the API answers 403 Forbidden). */
public final class FourEyesViolation extends RuntimeException {

    public FourEyesViolation(CampaignAction action, String actor) {
        super("four eyes: " + actor + " created this campaign and so cannot " + action.value() + " it");
    }
}
