package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The alarm lifecycle of one rule on one scope, as a pure state machine fed with (time, value):
 * NORMAL → PENDING (condition true, not yet for the "for" duration) → ACTIVE → ACKNOWLEDGED (operator) →
 * CLEARED (condition false beyond the hysteresis), after which a new alarm (next sequence number) can be raised.
 * <ul>
 *   <li>A PENDING alarm whose condition turns false before the "for" duration is withdrawn (PENDING → NORMAL):
 *       it never raises. With a zero "for" duration the alarm goes NORMAL → ACTIVE directly.</li>
 *   <li>ACTIVE or ACKNOWLEDGED alarms clear only beyond the hysteresis; acknowledging is not required to clear.</li>
 *   <li>Values older than the last one seen are ignored (no transitions).</li>
 *   <li>{@link #tick} promotes a pending alarm when the duration has elapsed without a new value.</li>
 * </ul>
 */
public final class AlarmTracker {

    public enum State { NORMAL, PENDING, ACTIVE, ACKNOWLEDGED, CLEARED }

    public record Transition(String ruleId, long alarmSeq, State from, State to, Instant at, Double value,
                             String actor, AlarmRule.Severity severity) {
    }

    private final AlarmRule rule;
    private State state = State.NORMAL;
    private long seq;
    private Instant pendingSince;
    private Instant lastTime;
    private double lastValue;

    public AlarmTracker(AlarmRule rule) {
        this.rule = rule;
    }

    /**
     * A tracker resumed from a stored open alarm (after a restart or a rule reload): ACTIVE or ACKNOWLEDGED, so the
     * alarm is not raised a second time and clears as usual. No value is known yet; a PENDING state is never stored,
     * so a "for" timer that was running restarts.
     */
    public static AlarmTracker resume(AlarmRule rule, State state, long seq) {
        if (state != State.ACTIVE && state != State.ACKNOWLEDGED) {
            throw new IllegalArgumentException("only an open alarm (ACTIVE or ACKNOWLEDGED) resumes, not " + state);
        }
        AlarmTracker t = new AlarmTracker(rule);
        t.state = state;
        t.seq = seq;
        return t;
    }

    public State state() {
        return state;
    }

    public long alarmSeq() {
        return seq;
    }

    public List<Transition> onValue(Instant t, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("alarm input must be finite, got " + value);
        }
        List<Transition> out = new ArrayList<>();
        if (lastTime != null && t.isBefore(lastTime)) {
            return out;
        }
        lastTime = t;
        lastValue = value;
        boolean cond = rule.condition(value);
        switch (state) {
            case NORMAL, CLEARED -> {
                if (cond) {
                    seq++;
                    pendingSince = t;
                    if (rule.forDuration().isZero()) {
                        move(out, State.ACTIVE, t, value, null);
                    } else {
                        move(out, State.PENDING, t, value, null);
                    }
                }
            }
            case PENDING -> {
                if (!cond) {
                    move(out, State.NORMAL, t, value, null);
                } else if (elapsed(t)) {
                    move(out, State.ACTIVE, t, value, null);
                }
            }
            case ACTIVE, ACKNOWLEDGED -> {
                if (rule.clears(value)) {
                    move(out, State.CLEARED, t, value, null);
                }
            }
        }
        return out;
    }

    /** Promotes a pending alarm whose "for" duration has elapsed at {@code now} (the last value still holds). */
    public List<Transition> tick(Instant now) {
        List<Transition> out = new ArrayList<>();
        if (state == State.PENDING && elapsed(now)) {
            move(out, State.ACTIVE, now, lastValue, null);
        }
        return out;
    }

    /** Operator acknowledgement; only an ACTIVE alarm can be acknowledged. */
    public Transition acknowledge(Instant t, String operator) {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("only an active alarm can be acknowledged; rule " + rule.id()
                    + " is " + state);
        }
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("the acknowledging operator is required");
        }
        List<Transition> out = new ArrayList<>();
        move(out, State.ACKNOWLEDGED, t, null, operator);
        return out.getFirst();
    }

    private boolean elapsed(Instant t) {
        return Duration.between(pendingSince, t).compareTo(rule.forDuration()) >= 0;
    }

    private void move(List<Transition> out, State to, Instant t, Double value, String actor) {
        out.add(new Transition(rule.id(), seq, state, to, t, value, actor, rule.severity()));
        state = to;
    }
}
