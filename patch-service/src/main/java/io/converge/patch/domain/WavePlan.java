package io.converge.patch.domain;

import java.util.List;

/** The ordered waves of a campaign: index 0 is the canary, then wave-1, wave-2, … Every target is in one wave. */
public record WavePlan(List<Wave> waves) {

    public static final String CANARY = "canary";

    /** One wave: its position (0 = canary), its name (canary, wave-1, wave-2, …) and its targets in order. */
    public record Wave(int index, String name, List<Target> targets) {
        public Wave {
            targets = List.copyOf(targets);
        }

        public int size() {
            return targets.size();
        }
    }

    public WavePlan {
        waves = List.copyOf(waves);
    }

    public int targetCount() {
        return waves.stream().mapToInt(Wave::size).sum();
    }
}
