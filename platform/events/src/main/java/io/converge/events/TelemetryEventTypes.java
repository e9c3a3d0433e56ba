package io.converge.events;

/** CloudEvents {@code type} values published by telemetry-service on {@link Topics#TELEMETRY_POINTS}. */
public final class TelemetryEventTypes {
    public static final String SOURCE = "/converge/telemetry-service";
    /** A batch of accepted points of one asset ({@link TelemetryPointsData}); subject = asset id. */
    public static final String POINTS = "io.converge.telemetry.points";

    private TelemetryEventTypes() {
    }
}
