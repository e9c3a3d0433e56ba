package io.converge.patch.domain;

import static io.converge.patch.domain.CampaignAction.APPROVE;
import static io.converge.patch.domain.CampaignAction.CANCEL;
import static io.converge.patch.domain.CampaignAction.COMPLETE;
import static io.converge.patch.domain.CampaignAction.FAIL;
import static io.converge.patch.domain.CampaignAction.PAUSE;
import static io.converge.patch.domain.CampaignAction.REJECT;
import static io.converge.patch.domain.CampaignAction.RESUME;
import static io.converge.patch.domain.CampaignAction.SCHEDULE;
import static io.converge.patch.domain.CampaignAction.START;
import static io.converge.patch.domain.CampaignAction.SUBMIT;
import static io.converge.patch.domain.CampaignState.APPROVED;
import static io.converge.patch.domain.CampaignState.CANCELLED;
import static io.converge.patch.domain.CampaignState.COMPLETED;
import static io.converge.patch.domain.CampaignState.DRAFT;
import static io.converge.patch.domain.CampaignState.FAILED;
import static io.converge.patch.domain.CampaignState.PAUSED;
import static io.converge.patch.domain.CampaignState.PENDING_APPROVAL;
import static io.converge.patch.domain.CampaignState.RUNNING;
import static io.converge.patch.domain.CampaignState.SCHEDULED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign state machine:
 * <pre>
 * draft --submit--> pending-approval --approve--> approved --schedule--> scheduled --start--> running
 *   ^                    |                                                                    | ^
 *   +------reject--------+                                                          pause    | | resume
 *                                                                                            v |
 *                                                                                           paused
 * running --complete--> completed
 * scheduled | running | paused --fail--> failed        (the service cannot go on: targets vanished, firmware revoked…)
 * every non-terminal state --cancel--> cancelled
 * </pre>
 * <ul>
 *   <li>Reject sends the campaign back to draft, so its creator can change it and submit it again.</li>
 *   <li>Cancel is allowed from every non-terminal state (draft, pending-approval, approved, scheduled, running,
 *       paused); completed, cancelled and failed are terminal and accept no action at all.</li>
 *   <li>Four eyes: approve and reject must come from someone other than the creator (compared ignoring case).
 *       The state is checked first: approving a draft is an {@link IllegalTransition} whoever asks; a legal approve
 *       or reject by the creator is a {@link FourEyesViolation}. Roles (approver, engineer) are the API's concern.</li>
 *   <li>Completing a running campaign is legal from running only: a paused campaign is resumed (or cancelled) first.</li>
 * </ul>
 */
public final class CampaignLifecycle {

    private static final Map<CampaignState, Map<CampaignAction, CampaignState>> TABLE = table();

    private CampaignLifecycle() {
    }

    /**
     * The state after {@code action}, or {@link IllegalTransition} (409) when the state does not allow it, or
     * {@link FourEyesViolation} (403) when the creator approves or rejects their own campaign.
     *
     * @param actor   who acts (the token's user), required
     * @param creator who created the campaign, required for approve and reject
     */
    public static CampaignState transition(CampaignState state, CampaignAction action, String actor, String creator) {
        if (state == null || action == null) {
            throw new IllegalArgumentException("state and action are required");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an actor is required: every campaign action is audited");
        }
        CampaignState next = next(state, action).orElseThrow(() -> new IllegalTransition(state, action));
        if (action == APPROVE || action == REJECT) {
            if (creator == null || creator.isBlank()) {
                throw new IllegalArgumentException("the campaign's creator is required to " + action.value() + " it");
            }
            if (creator.trim().equalsIgnoreCase(actor.trim())) {
                throw new FourEyesViolation(action, actor);
            }
        }
        return next;
    }

    /** The state {@code action} leads to from {@code state}, empty when illegal (no four-eyes check). */
    public static Optional<CampaignState> next(CampaignState state, CampaignAction action) {
        return Optional.ofNullable(TABLE.get(state).get(action));
    }

    /** Whether the campaign can still be cancelled (every non-terminal state). */
    public static boolean cancellable(CampaignState state) {
        return next(state, CANCEL).isPresent();
    }

    private static Map<CampaignState, Map<CampaignAction, CampaignState>> table() {
        Map<CampaignState, Map<CampaignAction, CampaignState>> t = new EnumMap<>(CampaignState.class);
        for (CampaignState s : CampaignState.values()) {
            t.put(s, new EnumMap<>(CampaignAction.class));
        }
        t.get(DRAFT).put(SUBMIT, PENDING_APPROVAL);
        t.get(PENDING_APPROVAL).put(APPROVE, APPROVED);
        t.get(PENDING_APPROVAL).put(REJECT, DRAFT);
        t.get(APPROVED).put(SCHEDULE, SCHEDULED);
        t.get(SCHEDULED).put(START, RUNNING);
        t.get(RUNNING).put(PAUSE, PAUSED);
        t.get(PAUSED).put(RESUME, RUNNING);
        t.get(RUNNING).put(COMPLETE, COMPLETED);
        for (CampaignState s : new CampaignState[] {SCHEDULED, RUNNING, PAUSED}) {
            t.get(s).put(FAIL, FAILED);
        }
        for (CampaignState s : CampaignState.values()) {
            if (!s.terminal()) {
                t.get(s).put(CANCEL, CANCELLED);
            }
        }
        t.replaceAll((s, m) -> Collections.unmodifiableMap(m));
        return Collections.unmodifiableMap(t);
    }
}
