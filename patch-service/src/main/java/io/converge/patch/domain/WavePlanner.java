package io.converge.patch.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cuts a campaign's frozen, compatible target list into a canary and waves.
 *
 * <h2>Order</h2>
 * Targets are taken lowest criticality first, then by line (lines by id, targets on no line last), then by tag
 * (then asset id), so a plan never depends on the input order.
 *
 * <h2>Line share</h2>
 * No wave holds more than {@code floor(maxLineShare × n)} of a line's {@code n} targets, and at least 1, so a line
 * of 1 or 2 targets still progresses one device per wave. Targets on no line have no limit.
 *
 * <h2>Canary</h2>
 * Picked from the lowest criticality, spread across lines: among the lowest criticality the first target of every
 * line comes before the second of any line (round robin over lines, then the next criticality), within the line
 * share.
 *
 * <h2>Waves</h2>
 * The wave percents are shares of R, the devices left after the canary. They are applied cumulatively with
 * carry-over: after wave k, {@code ceil(R × (p1 + … + pk) / 100)} devices should have been offered; each wave takes,
 * in the order above, the targets its quota allows, skipping a target whose line is at its share in this wave. A
 * skipped target stays first in line for the next wave, whose quota grows by the shortfall. A wave whose quota is 0
 * (tiny R) is left out; names stay consecutive (wave-1, wave-2, …).
 *
 * <h2>Trailing waves</h2>
 * Targets that the line share still holds back after the last planned wave go into extra trailing waves (named on
 * from the last one), each taking everything left up to each line's share, until every target is in a wave. So a
 * single line of 200 targets at share 0.34 needs at least 3 waves whatever the percents say.
 *
 * <p>Criticality is non-decreasing from wave to wave except where the line share pushed a lower-criticality target
 * back: a wave may then hold a more critical target of another line. Runs in O(n log n + n × waves).
 */
public final class WavePlanner {

    /** Criticality, then line (nulls last), then tag, then asset id. */
    public static final Comparator<Target> ORDER = Comparator.comparing(Target::criticality)
            .thenComparing(Target::lineId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Target::tag)
            .thenComparing(Target::assetId);

    private static final int NO_LINE = -1;

    private WavePlanner() {
    }

    public static WavePlan plan(List<Target> targets, PlanSpec spec) {
        if (targets.isEmpty()) {
            return new WavePlan(List.of());
        }
        Target[] sorted = targets.toArray(Target[]::new);
        Arrays.sort(sorted, ORDER);
        Lines lines = new Lines(sorted, spec.maxLineShare());
        List<WavePlan.Wave> waves = new ArrayList<>();

        int[] canaryOrder = canaryOrder(sorted, lines);
        boolean[] taken = new boolean[sorted.length];
        int[] canary = fill(canaryOrder, spec.canary().size(sorted.length), lines, taken);
        waves.add(wave(0, WavePlan.CANARY, canary, sorted));

        int[] remaining = untaken(sorted.length, taken);
        int r = remaining.length;
        int placed = 0;
        double cumulative = 0;
        for (double p : spec.wavePercents()) {
            cumulative += p;
            int target = Math.min(r, ceilShare(cumulative, r));
            int quota = target - placed;
            if (quota <= 0) {
                continue;
            }
            int[] picked = fill(remaining, quota, lines, taken);
            placed += picked.length;
            remaining = untakenOf(remaining, taken);
            waves.add(wave(waves.size(), "wave-" + waves.size(), picked, sorted));
        }
        while (remaining.length > 0) {
            int[] picked = fill(remaining, Integer.MAX_VALUE, lines, taken);
            remaining = untakenOf(remaining, taken);
            waves.add(wave(waves.size(), "wave-" + waves.size(), picked, sorted));
        }
        return new WavePlan(waves);
    }

    /** ceil(total × percent / 100), tolerant of floating-point noise (10 % of 30 is 3, not 4). */
    static int ceilShare(double percent, int total) {
        return (int) Math.ceil(percent * total / 100.0 - 1e-9);
    }

    /**
     * Takes up to {@code quota} targets from {@code order} (indices into the sorted array) that are not taken yet,
     * skipping any whose line has reached its share in this wave; marks them taken.
     */
    private static int[] fill(int[] order, int quota, Lines lines, boolean[] taken) {
        int[] used = new int[lines.caps.length];
        int[] out = new int[Math.min(quota, order.length)];
        int n = 0;
        for (int i = 0; i < order.length && n < out.length; i++) {
            int t = order[i];
            if (taken[t]) {
                continue;
            }
            int line = lines.lineOf[t];
            if (line != NO_LINE) {
                if (used[line] >= lines.caps[line]) {
                    continue;
                }
                used[line]++;
            }
            taken[t] = true;
            out[n++] = t;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The sorted indices reordered for the canary: by criticality, then by rank inside (criticality, line) — the
     * 1st target of each line, then the 2nd, … — then by line and tag. Targets on no line share one rank sequence.
     */
    private static int[] canaryOrder(Target[] sorted, Lines lines) {
        int[] rank = new int[sorted.length];
        for (int i = 1; i < sorted.length; i++) {
            boolean sameGroup = sorted[i].criticality() == sorted[i - 1].criticality()
                    && lines.lineOf[i] == lines.lineOf[i - 1];
            rank[i] = sameGroup ? rank[i - 1] + 1 : 0;
        }
        // sorted is grouped by criticality; inside each group order by (rank, sorted index) as packed longs, since
        // the sorted index already encodes (line, tag) and breaks rank ties
        int[] out = new int[sorted.length];
        int start = 0;
        while (start < sorted.length) {
            int end = start;
            while (end < sorted.length && sorted[end].criticality() == sorted[start].criticality()) {
                end++;
            }
            long[] keys = new long[end - start];
            for (int i = start; i < end; i++) {
                keys[i - start] = ((long) rank[i] << 32) | i;
            }
            Arrays.sort(keys);
            for (int k = 0; k < keys.length; k++) {
                out[start + k] = (int) keys[k];
            }
            start = end;
        }
        return out;
    }

    private static int[] untaken(int n, boolean[] taken) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return untakenOf(all, taken);
    }

    private static int[] untakenOf(int[] order, boolean[] taken) {
        return Arrays.stream(order).filter(i -> !taken[i]).toArray();
    }

    private static WavePlan.Wave wave(int index, String name, int[] picked, Target[] sorted) {
        List<Target> ts = new ArrayList<>(picked.length);
        for (int i : picked) {
            ts.add(sorted[i]);
        }
        return new WavePlan.Wave(index, name, ts);
    }

    /** The cap of a line's targets in one wave: max(1, floor(share × n)). */
    public static int lineCap(double maxLineShare, int lineTargets) {
        return Math.max(1, (int) Math.floor(maxLineShare * lineTargets + 1e-9));
    }

    /** Dense line numbers per sorted target and each line's cap. */
    private static final class Lines {
        final int[] lineOf;
        final int[] caps;

        Lines(Target[] sorted, double share) {
            Map<UUID, Integer> ids = new HashMap<>();
            List<Integer> counts = new ArrayList<>();
            lineOf = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                UUID line = sorted[i].lineId();
                if (line == null) {
                    lineOf[i] = NO_LINE;
                    continue;
                }
                int id = ids.computeIfAbsent(line, k -> {
                    counts.add(0);
                    return counts.size() - 1;
                });
                counts.set(id, counts.get(id) + 1);
                lineOf[i] = id;
            }
            caps = counts.stream().mapToInt(c -> lineCap(share, c)).toArray();
        }
    }
}
