package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignLifecycleTest {

    /** The whole legal table, written out by hand: "from action → to". Every other pair is illegal. */
    private static final String[] LEGAL = {
        "draft submit pending-approval",
        "pending-approval approve approved",
        "pending-approval reject draft",
        "approved schedule scheduled",
        "scheduled start running",
        "running pause paused",
        "paused resume running",
        "running complete completed",
        "scheduled fail failed",
        "running fail failed",
        "paused fail failed",
        "draft cancel cancelled",
        "pending-approval cancel cancelled",
        "approved cancel cancelled",
        "scheduled cancel cancelled",
        "running cancel cancelled",
        "paused cancel cancelled",
    };

    static Map<String, CampaignState> legal() {
        Map<String, CampaignState> m = new HashMap<>();
        for (String row : LEGAL) {
            String[] p = row.split(" ");
            m.put(p[0] + " " + p[1], CampaignState.parse(p[2]));
        }
        return m;
    }

    /** All 9 × 10 = 90 (state, action) pairs with the expected outcome (null = illegal). */
    static Stream<Arguments> everyPair() {
        Map<String, CampaignState> legal = legal();
        List<Arguments> out = new ArrayList<>();
        for (CampaignState s : CampaignState.values()) {
            for (CampaignAction a : CampaignAction.values()) {
                out.add(Arguments.of(s, a, legal.get(s.value() + " " + a.value())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("everyPair")
    void everyStateActionPair(CampaignState from, CampaignAction action, CampaignState expected) {
        if (expected == null) {
            IllegalTransition e = assertThrows(IllegalTransition.class,
                    () -> CampaignLifecycle.transition(from, action, "bob", "alice"));
            assertSame(from, e.from());
            assertSame(action, e.action());
            assertTrue(e.getMessage().contains(action.value()) && e.getMessage().contains(from.value()));
        } else {
            assertEquals(expected, CampaignLifecycle.transition(from, action, "bob", "alice"));
        }
    }

    @Test
    void theTableHasSeventeenLegalAndSeventyThreeIllegalPairs() {
        long legal = everyPair().filter(a -> a.get()[2] != null).count();
        assertEquals(17, legal);
        assertEquals(73, everyPair().count() - legal);
    }

    @Test
    void theCreatorCannotApproveOrRejectTheirOwnCampaign() {
        FourEyesViolation e = assertThrows(FourEyesViolation.class, () -> CampaignLifecycle.transition(
                CampaignState.PENDING_APPROVAL, CampaignAction.APPROVE, "alice", "alice"));
        assertTrue(e.getMessage().contains("alice"));
        assertThrows(FourEyesViolation.class, () -> CampaignLifecycle.transition(
                CampaignState.PENDING_APPROVAL, CampaignAction.REJECT, "Alice ", "alice"));
        // another approver may
        assertEquals(CampaignState.APPROVED, CampaignLifecycle.transition(
                CampaignState.PENDING_APPROVAL, CampaignAction.APPROVE, "bob", "alice"));
        // the creator may do everything else with their campaign
        assertEquals(CampaignState.PENDING_APPROVAL,
                CampaignLifecycle.transition(CampaignState.DRAFT, CampaignAction.SUBMIT, "alice", "alice"));
        assertEquals(CampaignState.CANCELLED, CampaignLifecycle.transition(
                CampaignState.PENDING_APPROVAL, CampaignAction.CANCEL, "alice", "alice"));
    }

    @Test
    void anIllegalStateWinsOverFourEyes() {
        // approving a draft is a conflict (409) even for its creator, not a four-eyes refusal (403)
        assertThrows(IllegalTransition.class,
                () -> CampaignLifecycle.transition(CampaignState.DRAFT, CampaignAction.APPROVE, "alice", "alice"));
    }

    @Test
    void actorIsAlwaysRequiredAndCreatorForApproval() {
        assertThrows(IllegalArgumentException.class,
                () -> CampaignLifecycle.transition(CampaignState.DRAFT, CampaignAction.SUBMIT, " ", "alice"));
        assertThrows(IllegalArgumentException.class, () -> CampaignLifecycle.transition(
                CampaignState.PENDING_APPROVAL, CampaignAction.APPROVE, "bob", null));
    }

    @Test
    void cancellableExactlyInNonTerminalStatesAndWireNamesRoundTrip() {
        for (CampaignState s : CampaignState.values()) {
            assertEquals(!s.terminal(), CampaignLifecycle.cancellable(s), s.value());
            assertEquals(s, CampaignState.parse(s.value()));
        }
        assertFalse(CampaignLifecycle.cancellable(CampaignState.COMPLETED));
        assertEquals("pending-approval", CampaignState.PENDING_APPROVAL.toString());
        assertEquals(CampaignAction.RESUME, CampaignAction.parse("Resume"));
        assertThrows(IllegalArgumentException.class, () -> CampaignAction.parse("explode"));
    }
}
