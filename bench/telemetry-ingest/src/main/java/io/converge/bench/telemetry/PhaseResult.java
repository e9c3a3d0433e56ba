package io.converge.bench.telemetry;

import java.util.List;

/**
 * One phase's figures. {@code rows} is what the table holds for the phase's points afterwards (-1: not counted);
 * lost = sent - rows. {@code problems} are failed checks (e.g. the HTTP answers did not accept every point);
 * {@code error} is set when the phase could not complete.
 */
record PhaseResult(String phase, long sent, double seconds, long rows, String notes, List<String> problems,
        String error) {

    static PhaseResult failed(String phase, long sent, String error) {
        return new PhaseResult(phase, sent, Double.NaN, -1, "", List.of(), error);
    }

    boolean completed() {
        return error == null;
    }

    double rate() {
        return completed() && seconds > 0 ? sent / seconds : Double.NaN;
    }

    long lost() {
        return rows < 0 ? -1 : sent - rows;
    }

    boolean verified() {
        return completed() && problems.isEmpty() && lost() == 0;
    }
}
