package io.converge.patch.domain;

import java.util.Collection;
import java.util.Locale;

/**
 * Decides what a running wave's device outcomes mean for the campaign: ADVANCE to the next wave, WAIT, or PAUSE
 * (the emergency stop). Percentages are of the wave's device count; checks in this order:
 * <ol>
 *   <li>PAUSE when failed + timed out ≥ the error threshold (reaching the threshold stops, e.g. 10 % of 20 devices
 *       pauses at the 2nd error).</li>
 *   <li>ADVANCE when succeeded ≥ the success threshold; devices still pending or in progress keep going.</li>
 *   <li>PAUSE when the success threshold can no longer be reached (succeeded + pending + in progress is below it),
 *       which includes a finished wave below the threshold: otherwise the campaign would wait forever.</li>
 *   <li>WAIT otherwise.</li>
 * </ol>
 * An empty wave advances. Thresholds compare exactly: {@code count × 100 ≥ threshold × size}.
 */
public final class WaveProgress {

    public enum Verdict { ADVANCE, WAIT, PAUSE }

    public record Decision(Verdict verdict, String reason) {
    }

    /**
     * @param successPercent share of the wave that must succeed before the next wave starts, in (0, 100]
     * @param errorPercent   share of the wave failed or timed out that pauses the campaign, in (0, 100]
     */
    public record Thresholds(double successPercent, double errorPercent) {
        public Thresholds {
            if (!(successPercent > 0 && successPercent <= 100)) {
                throw new IllegalArgumentException("success threshold must be in (0, 100] %, got " + successPercent);
            }
            if (!(errorPercent > 0 && errorPercent <= 100)) {
                throw new IllegalArgumentException("error threshold must be in (0, 100] %, got " + errorPercent);
            }
        }
    }

    /** Device counts of one wave by outcome. */
    public record Tally(int pending, int inProgress, int succeeded, int failed, int timedOut) {
        public Tally {
            if (pending < 0 || inProgress < 0 || succeeded < 0 || failed < 0 || timedOut < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }

        public static Tally of(Collection<DeviceOutcome> outcomes) {
            int[] n = new int[DeviceOutcome.values().length];
            for (DeviceOutcome o : outcomes) {
                n[o.ordinal()]++;
            }
            return new Tally(n[0], n[1], n[2], n[3], n[4]);
        }

        public int size() {
            return pending + inProgress + succeeded + failed + timedOut;
        }

        public int errors() {
            return failed + timedOut;
        }

        public int open() {
            return pending + inProgress;
        }
    }

    private WaveProgress() {
    }

    public static Decision decide(Tally t, Thresholds th) {
        int size = t.size();
        if (size == 0) {
            return new Decision(Verdict.ADVANCE, "the wave has no devices");
        }
        if (reaches(t.errors(), th.errorPercent(), size)) {
            return new Decision(Verdict.PAUSE, String.format(Locale.ROOT,
                    "error threshold reached: %d of %d devices failed or timed out (%s %%, threshold %s %%)",
                    t.errors(), size, pct(t.errors(), size), num(th.errorPercent())));
        }
        if (reaches(t.succeeded(), th.successPercent(), size)) {
            return new Decision(Verdict.ADVANCE, String.format(Locale.ROOT,
                    "success threshold reached: %d of %d devices succeeded (%s %%, threshold %s %%)",
                    t.succeeded(), size, pct(t.succeeded(), size), num(th.successPercent())));
        }
        int best = t.succeeded() + t.open();
        if (!reaches(best, th.successPercent(), size)) {
            return new Decision(Verdict.PAUSE, String.format(Locale.ROOT,
                    "success threshold %s %% can no longer be reached: at most %d of %d devices can succeed",
                    num(th.successPercent()), best, size));
        }
        return new Decision(Verdict.WAIT, String.format(Locale.ROOT,
                "%d of %d devices succeeded, %d still pending or in progress", t.succeeded(), size, t.open()));
    }

    private static boolean reaches(int count, double percent, int size) {
        return count * 100.0 >= percent * size;
    }

    private static String pct(int count, int size) {
        return num(Math.round(count * 1000.0 / size) / 10.0);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
