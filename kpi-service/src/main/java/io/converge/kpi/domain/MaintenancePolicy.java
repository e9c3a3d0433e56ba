package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * When a condition prediction becomes, stays or stops being a maintenance recommendation, how it ranks, and when a
 * change is worth an event. Pure: the caller supplies the prediction and what was last published.
 *
 * <p>Documented choices:
 * <ul>
 *   <li>risk = criticality weight × urgency; weights low 1, medium 2, high 3, critical 4, and 2 (as medium) when the
 *       asset view does not know the asset or its criticality — an unknown asset is neither ignored nor
 *       escalated.</li>
 *   <li>urgency = clamp(1 − hoursToCrossing / horizonHours, 0, 1): 1 when already crossed, 0 at the horizon; linear
 *       so that the ranking is easy to explain. Not predictable → 0.</li>
 *   <li>severity band: {@code crossed} (0 h), {@code imminent} (within a third of the horizon, 24 h by default),
 *       {@code planned} (within the horizon).</li>
 *   <li>opening needs hours ≤ horizon and confidence ≥ min confidence, except an already crossed threshold, which
 *       opens at any confidence (the value is beyond it: nothing left to predict).</li>
 *   <li>resolving uses hysteresis: the trend is gone (not predictable), or the crossing is beyond
 *       horizon × (1 + h), or the confidence below minConfidence × (1 − h) while not crossed.</li>
 *   <li>material change (re-published): the severity band changed, or the predicted crossing moved by more than
 *       max(republishFraction × hours left, minShift).</li>
 * </ul>
 */
public final class MaintenancePolicy {

    /** Criticality weights; see the class comment. */
    public static final Map<String, Integer> WEIGHTS = Map.of("low", 1, "medium", 2, "high", 3, "critical", 4);
    public static final int UNKNOWN_WEIGHT = 2;

    public enum Severity {
        CROSSED, IMMINENT, PLANNED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity parse(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** What to do with the recommendation of one (asset, metric) after a prediction. */
    public enum Action {
        /** nothing open, nothing to open */
        NONE,
        /** open a recommendation and publish */
        OPEN,
        /** update the open recommendation and publish (material change) */
        UPDATE,
        /** update the open recommendation's figures without an event */
        REFRESH,
        /** resolve the open recommendation and publish */
        RESOLVE
    }

    /** The decision, with the reason when resolving. */
    public record Decision(Action action, Severity severity, String reason) {
    }

    /** What the last event of an open recommendation said. */
    public record Published(Instant predictedCrossing, Severity severity) {
    }

    /**
     * @param horizon           recommendation horizon
     * @param minConfidence     least confidence that opens
     * @param hysteresis        resolve hysteresis share (see the class comment)
     * @param republishFraction share of the hours left the crossing must move to re-publish
     * @param minShift          least move of the crossing that re-publishes
     */
    public record Settings(Duration horizon, double minConfidence, double hysteresis, double republishFraction,
            Duration minShift) {
        public Settings {
            if (horizon.isNegative() || horizon.isZero()) {
                throw new IllegalArgumentException("the maintenance horizon must be positive");
            }
            if (!(minConfidence >= 0 && minConfidence <= 1) || !(hysteresis >= 0 && hysteresis < 1)
                    || !(republishFraction >= 0)) {
                throw new IllegalArgumentException("min confidence in [0, 1], hysteresis in [0, 1) and republish"
                        + " fraction >= 0 required");
            }
        }

        public double horizonHours() {
            return horizon.toNanos() / 3.6e12;
        }
    }

    private final Settings settings;

    public MaintenancePolicy(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public static int weight(String criticality) {
        return criticality == null ? UNKNOWN_WEIGHT
                : WEIGHTS.getOrDefault(criticality.toLowerCase(Locale.ROOT), UNKNOWN_WEIGHT);
    }

    public static double urgency(Double hoursToCrossing, double horizonHours) {
        return hoursToCrossing == null ? 0 : Math.clamp(1 - hoursToCrossing / horizonHours, 0.0, 1.0);
    }

    public double risk(String criticality, Double hoursToCrossing) {
        return weight(criticality) * urgency(hoursToCrossing, settings.horizonHours());
    }

    public Severity severity(double hoursToCrossing) {
        if (hoursToCrossing <= 0) {
            return Severity.CROSSED;
        }
        return hoursToCrossing <= settings.horizonHours() / 3 ? Severity.IMMINENT : Severity.PLANNED;
    }

    /**
     * @param hours      hours to crossing (undefined when not predictable)
     * @param confidence the prediction's confidence
     * @param crossing   the predicted crossing time (null when not predictable)
     * @param published  what the open recommendation last published; null when none is open
     */
    public Decision decide(KpiValue hours, double confidence, Instant crossing, Published published) {
        double horizon = settings.horizonHours();
        if (published == null) {
            if (!hours.isDefined() || hours.value() > horizon) {
                return new Decision(Action.NONE, null, null);
            }
            Severity s = severity(hours.value());
            boolean opens = s == Severity.CROSSED || confidence >= settings.minConfidence();
            return new Decision(opens ? Action.OPEN : Action.NONE, s, null);
        }
        if (!hours.isDefined()) {
            return new Decision(Action.RESOLVE, null, "no longer predictable: " + hours.reason());
        }
        if (hours.value() > horizon * (1 + settings.hysteresis())) {
            return new Decision(Action.RESOLVE, null, String.format(Locale.ROOT,
                    "predicted crossing %.1f h ahead, beyond the %.0f h horizon", hours.value(), horizon));
        }
        Severity s = severity(hours.value());
        if (s != Severity.CROSSED && confidence < settings.minConfidence() * (1 - settings.hysteresis())) {
            return new Decision(Action.RESOLVE, null, String.format(Locale.ROOT,
                    "trend confidence %.2f fell below %.2f", confidence, settings.minConfidence()));
        }
        return new Decision(material(published, s, hours.value(), crossing) ? Action.UPDATE : Action.REFRESH, s,
                null);
    }

    private boolean material(Published p, Severity now, double hoursLeft, Instant crossing) {
        if (p.severity() != now) {
            return true;
        }
        if (crossing == null || p.predictedCrossing() == null) {
            return (crossing == null) != (p.predictedCrossing() == null);
        }
        double movedHours = Math.abs(Duration.between(p.predictedCrossing(), crossing).toNanos()) / 3.6e12;
        double limit = Math.max(settings.republishFraction() * hoursLeft, settings.minShift().toNanos() / 3.6e12);
        return movedHours > limit;
    }
}
