package io.converge.events;

/** CloudEvents {@code type} values published by kpi-service on {@link Topics#KPI_EVENTS}. */
public final class KpiEventTypes {
    public static final String SOURCE = "/converge/kpi-service";
    /** A closed KPI window of one asset ({@link KpiWindowData}); revision &gt; 0 is a correction. Subject = asset id. */
    public static final String WINDOW = "io.converge.kpi.window";
    /** An alarm raised, acknowledged or cleared. */
    public static final String ALARM = "io.converge.kpi.alarm";
    /** A maintenance recommendation from a predicted threshold crossing. */
    public static final String MAINTENANCE = "io.converge.kpi.maintenance";

    private KpiEventTypes() {
    }
}
