package io.converge.kpi.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw reports of a state metric (and its optional down-reason metric) into {@link StateSample}s.
 * <ul>
 *   <li>A report that is not one of running/idle/down/setup (e.g. "offline"), or has bad quality, makes the state
 *       UNKNOWN from its time on.</li>
 *   <li>The reason of a state report is the latest reason reported after the previous state report and before the
 *       next one: devices send it with the state change, operators often enter it a little later.</li>
 * </ul>
 */
public final class StateSamples {

    /** A raw report: text value, quality good (false = bad). */
    public record Report(Instant time, String text, boolean good) {
    }

    private StateSamples() {
    }

    /** @param states and reasons sorted by time */
    public static List<StateSample> of(List<Report> states, List<Report> reasons) {
        List<StateSample> out = new ArrayList<>(states.size());
        int r = 0;
        for (int i = 0; i < states.size(); i++) {
            Report s = states.get(i);
            Instant prev = i > 0 ? states.get(i - 1).time() : Instant.MIN;
            Instant next = i + 1 < states.size() ? states.get(i + 1).time() : Instant.MAX;
            while (r < reasons.size() && !reasons.get(r).time().isAfter(prev)) {
                r++;
            }
            String reason = null;
            for (int k = r; k < reasons.size() && reasons.get(k).time().isBefore(next); k++) {
                if (reasons.get(k).good() && reasons.get(k).text() != null && !reasons.get(k).text().isBlank()) {
                    reason = reasons.get(k).text().trim();
                }
            }
            out.add(new StateSample(s.time(), state(s), reason));
        }
        return out;
    }

    private static MachineState state(Report s) {
        if (!s.good() || s.text() == null) {
            return MachineState.UNKNOWN;
        }
        try {
            return MachineState.parse(s.text());
        } catch (IllegalArgumentException e) {
            return MachineState.UNKNOWN;
        }
    }
}
