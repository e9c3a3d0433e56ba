package io.converge.patch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The device side of one deployment action (hawkBit-DDI-like feedback): OFFERED → DOWNLOADING (progress %) →
 * DOWNLOADED → INSTALLING → SUCCEEDED | FAILED, or TIMED_OUT when the device stays silent.
 * <ul>
 *   <li>Progress only moves forward: a report of an earlier step (a retried request) is accepted and changes nothing,
 *       so devices can repeat feedback safely; a lower download percentage is ignored the same way.</li>
 *   <li>A result (success or failure) may come from any non-final state (a device may skip reporting steps).</li>
 *   <li>Nothing follows a final state: feedback then is {@link IllegalFeedback} (the API answers 409), except the same
 *       result repeated, which is idempotent.</li>
 *   <li>Timeout: no feedback for {@code timeout} since the last one (or since the offer) makes a non-final action
 *       TIMED_OUT; it counts as an error of its wave.</li>
 * </ul>
 */
public enum DeploymentState {
    OFFERED, DOWNLOADING, DOWNLOADED, INSTALLING, SUCCEEDED, FAILED, TIMED_OUT;

    /** Feedback a device may send. */
    public enum Feedback { DOWNLOADING, DOWNLOADED, INSTALLING, SUCCESS, FAILURE }

    /** Feedback that may not follow the action's state. */
    public static final class IllegalFeedback extends RuntimeException {
        public IllegalFeedback(String message) {
            super(message);
        }
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT;
    }

    /** The wave's view of this action. */
    public DeviceOutcome outcome() {
        return switch (this) {
            case OFFERED -> DeviceOutcome.PENDING;
            case DOWNLOADING, DOWNLOADED, INSTALLING -> DeviceOutcome.IN_PROGRESS;
            case SUCCEEDED -> DeviceOutcome.SUCCEEDED;
            case FAILED -> DeviceOutcome.FAILED;
            case TIMED_OUT -> DeviceOutcome.TIMED_OUT;
        };
    }

    /** The state after {@code f}; the same state when the feedback repeats or lags behind (idempotent). */
    public DeploymentState after(Feedback f) {
        DeploymentState target = switch (f) {
            case DOWNLOADING -> DOWNLOADING;
            case DOWNLOADED -> DOWNLOADED;
            case INSTALLING -> INSTALLING;
            case SUCCESS -> SUCCEEDED;
            case FAILURE -> FAILED;
        };
        if (isFinal()) {
            if (target == this) {
                return this;
            }
            throw new IllegalFeedback("the action is " + value() + ": no " + f.name().toLowerCase(Locale.ROOT)
                    + " feedback can follow");
        }
        return target.ordinal() <= ordinal() && !target.isFinal() ? this : target;
    }

    /** TIMED_OUT when a non-final action has had no feedback for {@code timeout} at {@code now}. */
    public DeploymentState checkTimeout(Instant lastFeedback, Instant now, Duration timeout) {
        return !isFinal() && !lastFeedback.plus(timeout).isAfter(now) ? TIMED_OUT : this;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DeploymentState parse(String raw) {
        return valueOf(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Download progress only grows, within 0–100. */
    public static int progress(int stored, Integer reported) {
        if (reported == null) {
            return stored;
        }
        if (reported < 0 || reported > 100) {
            throw new IllegalArgumentException("progress must be within 0 and 100, got " + reported);
        }
        return Math.max(stored, reported);
    }
}
