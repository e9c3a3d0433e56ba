package io.converge.patch.domain;

import java.util.List;

/**
 * How to cut a campaign's targets into waves.
 *
 * @param canary       the canary wave: a number of devices or a percentage of all targets (at least 1 device
 *                     whenever there are targets)
 * @param wavePercents the waves after the canary, each as its share (%) of the devices left after the canary, in
 *                     order, e.g. [10, 30, 60]: they must be positive and add up to 100 (not cumulative)
 * @param maxLineShare the largest share of one line's targets in any single wave, in (0, 1]: 0.34 lets a line of
 *                     200 targets have at most 68 devices in one wave; a line always gets at least 1 per wave
 */
public record PlanSpec(Canary canary, List<Double> wavePercents, double maxLineShare) {

    /** The canary's size: {@link Devices} or {@link Percent}. */
    public sealed interface Canary permits Devices, Percent {
        /** The canary size for {@code total} targets: at least 1 when total > 0, never more than total. */
        int size(int total);
    }

    /** A canary of {@code count} devices (≥ 1). */
    public record Devices(int count) implements Canary {
        public Devices {
            if (count < 1) {
                throw new IllegalArgumentException("a canary needs at least 1 device, got " + count);
            }
        }

        @Override
        public int size(int total) {
            return Math.min(count, total);
        }
    }

    /** A canary of {@code percent} % of all targets, rounded up, in (0, 100]. */
    public record Percent(double percent) implements Canary {
        public Percent {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("canary percent must be in (0, 100], got " + percent);
            }
        }

        @Override
        public int size(int total) {
            if (total == 0) {
                return 0;
            }
            return Math.clamp(WavePlanner.ceilShare(percent, total), 1, total);
        }
    }

    public PlanSpec {
        if (canary == null) {
            throw new IllegalArgumentException("a canary is required");
        }
        if (wavePercents == null || wavePercents.isEmpty()) {
            throw new IllegalArgumentException("at least one wave after the canary is required, e.g. [100]");
        }
        wavePercents = List.copyOf(wavePercents);
        double sum = 0;
        for (Double p : wavePercents) {
            if (p == null || !(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("each wave percent must be in (0, 100], got " + p);
            }
            sum += p;
        }
        if (Math.abs(sum - 100) > 1e-6) {
            throw new IllegalArgumentException(
                    "wave percents are shares of the devices left after the canary and must add up to 100, got "
                            + sum);
        }
        if (!(maxLineShare > 0 && maxLineShare <= 1)) {
            throw new IllegalArgumentException("maxLineShare must be in (0, 1], got " + maxLineShare);
        }
    }
}
