package io.converge.kpi.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loss breakdown for a window, in minutes, including the six big losses where the data allows:
 * <ul>
 *   <li>breakdowns: DOWN runs lasting at least {@code smallStopThreshold} whose reason is not a setup reason</li>
 *   <li>setup and adjustments: SETUP state time + DOWN runs whose reason is one of {@code setupReasons}</li>
 *   <li>small stops: DOWN (non-setup) and IDLE runs shorter than {@code smallStopThreshold} (the whole run, even
 *       the part outside the window, decides whether it is short)</li>
 *   <li>reduced speed: APT − PRI × PQ (negative when effectiveness &gt; 1)</li>
 *   <li>startup rejects / production rejects: (rejects) × PRI, split only when the rejects during the startup
 *       period are known; otherwise both are undefined ("not available") and only the total quality loss is
 *       given</li>
 * </ul>
 * Longer idle periods and unknown time are reported separately ({@code idleMinutes}, {@code unknownMinutes}) so
 * that the availability losses reconcile: PBT − APT = breakdowns + setup + small stops + idle + unknown.
 */
public final class Losses {

    public static final Duration DEFAULT_SMALL_STOP_THRESHOLD = Duration.ofMinutes(5);

    private Losses() {
    }

    public record Breakdown(Map<String, Double> downtimeMinutesByReason, KpiValue breakdowns,
                            KpiValue setupAdjustments, KpiValue smallStops, KpiValue reducedSpeed,
                            KpiValue startupRejects, KpiValue productionRejects, double qualityLossMinutes,
                            double idleMinutes, double unknownMinutes) {
    }

    /** The state-based losses of a window, in minutes (see the class comment). */
    public record StateLosses(double breakdownMinutes, double setupMinutes, double smallStopMinutes,
                              double idleMinutes) {
    }

    public static StateLosses stateLosses(StateTimeline.Summary states, Duration smallStopThreshold,
                                          Set<String> setupReasons) {
        double breakdowns = 0;
        double setup = 0;
        double small = 0;
        double idle = 0;
        for (StateTimeline.StateRun run : states.runs()) {
            double min = minutes(run.counted());
            if (min == 0) {
                continue;
            }
            boolean shortRun = run.span().duration().compareTo(smallStopThreshold) < 0;
            switch (run.state()) {
                case SETUP -> setup += min;
                case DOWN -> {
                    if (setupReasons.contains(StateTimeline.reasonOf(run.reason()))) {
                        setup += min;
                    } else if (shortRun) {
                        small += min;
                    } else {
                        breakdowns += min;
                    }
                }
                case IDLE -> {
                    if (shortRun) {
                        small += min;
                    } else {
                        idle += min;
                    }
                }
                default -> {
                    // RUNNING is production time, UNKNOWN is reported separately
                }
            }
        }
        return new StateLosses(breakdowns, setup, small, idle);
    }

    /**
     * @param startupRejects rejects counted during the startup period, or null when no startup period is known
     */
    public static Breakdown compute(StateTimeline.Summary states, Oee.Inputs inputs, Duration smallStopThreshold,
                                    Set<String> setupReasons, Double startupRejects) {
        StateLosses l = stateLosses(states, smallStopThreshold, setupReasons);
        Map<String, Double> byReason = new LinkedHashMap<>();
        states.downByReason().forEach((r, d) -> byReason.put(r, minutes(d)));
        Oee.Result oee = Oee.compute(inputs);
        double priMin = minutes(inputs.pri());
        double rejects = inputs.pq() - inputs.gq();
        KpiValue startup;
        KpiValue production;
        if (startupRejects == null) {
            startup = KpiValue.undefined("not available: no startup period known");
            production = KpiValue.undefined("not available: no startup period known");
        } else {
            if (startupRejects < 0 || startupRejects > rejects + 1e-9) {
                throw new IllegalArgumentException("startup rejects " + startupRejects + " outside [0, PQ − GQ = "
                        + rejects + "]");
            }
            startup = KpiValue.of(startupRejects * priMin);
            production = KpiValue.of((rejects - startupRejects) * priMin);
        }
        return new Breakdown(byReason, KpiValue.of(l.breakdownMinutes()), KpiValue.of(l.setupMinutes()),
                KpiValue.of(l.smallStopMinutes()),
                KpiValue.of(oee.speedLossSeconds() / 60.0), startup, production, oee.qualityLossSeconds() / 60.0,
                l.idleMinutes(), minutes(states.unknown()));
    }

    static double minutes(Duration d) {
        return d.toNanos() / 60e9;
    }
}
