package io.converge.patch.domain;

/** An action that the campaign's current state does not allow (the API answers 409 Conflict). */
public final class IllegalTransition extends RuntimeException {

    private final CampaignState from;
    private final CampaignAction action;

    public IllegalTransition(CampaignState from, CampaignAction action) {
        super("cannot " + action.value() + " a campaign that is " + from.value()
                + (from.terminal() ? " (a terminal state)" : ""));
        this.from = from;
        this.action = action;
    }

    public CampaignState from() {
        return from;
    }

    public CampaignAction action() {
        return action;
    }
}
