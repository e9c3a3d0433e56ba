package io.converge.simulator.plant;

/**
 * How a machine behaves: its cycle time, scrap share, mean time between failures and to repair, power draw per state
 * and how often it stops idle (starved) or for a changeover.
 *
 * @param cycleSeconds  seconds per part while running (&gt; 0)
 * @param scrapShare    share of parts that are scrap, in [0, 1]
 * @param mtbfSeconds   mean running time before a failure (exponential)
 * @param mttrSeconds   mean repair time (exponential)
 * @param idleShare     share of stops that are short idle stops (starved/blocked) rather than failures
 * @param setupShare    share of stops that are changeovers (setup) rather than failures
 * @param runningKw     power while running; idle and setup draw 30 %, down 5 %
 */
public record MachineProfile(double cycleSeconds, double scrapShare, double mtbfSeconds, double mttrSeconds,
        double idleShare, double setupShare, double runningKw) {

    /** Mean length of an idle stop and of a changeover, in seconds. */
    public static final double IDLE_SECONDS = 90;
    public static final double SETUP_SECONDS = 300;

    public MachineProfile {
        if (!(cycleSeconds > 0) || !(mtbfSeconds > 0) || !(mttrSeconds > 0) || !(runningKw >= 0)) {
            throw new IllegalArgumentException("cycle, MTBF and MTTR must be > 0, power >= 0");
        }
        if (scrapShare < 0 || scrapShare > 1 || idleShare < 0 || setupShare < 0 || idleShare + setupShare > 1) {
            throw new IllegalArgumentException("shares must be in [0, 1] (idle + setup at most 1)");
        }
    }

    public double kw(MachineState s) {
        return switch (s) {
            case RUNNING -> runningKw;
            case IDLE, SETUP -> runningKw * 0.3;
            case DOWN -> runningKw * 0.05;
        };
    }
}
