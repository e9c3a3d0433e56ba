package io.converge.events;

/** Kafka topic names shared by producers and consumers (DESIGN.md, "Messaging"). */
public final class Topics {
    public static final String ASSET_EVENTS = "converge.asset.events";
    public static final String TELEMETRY_POINTS = "converge.telemetry.points";
    public static final String KPI_EVENTS = "converge.kpi.events";
    public static final String PATCH_EVENTS = "converge.patch.events";
    public static final String SECURITY_EVENTS = "converge.security.events";
    public static final String SECURITY_ALERTS = "converge.security.alerts";

    /** The dead-letter topic of a consumed topic. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
