package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One transition of a kpi-service threshold alarm ({@link KpiEventTypes#ALARM}, subject = alarm id, record key = rule
 * id + "/" + rule scope, so the transitions of one rule stay in order): {@code transition} is raised, acknowledged or
 * cleared and {@code state} the alarm's state after it (active, acknowledged, cleared). The alarm carries a copy of
 * its rule's condition as it was when raised (the rule may change or be deleted later). Also the element of the alarm
 * Server-Sent Events stream.
 *
 * @param alarmId     the alarm (one per raise)
 * @param ruleId      the rule that raised it
 * @param seq         1, 2, … per rule and asset (or per rule for a line KPI alarm)
 * @param scope       the rule's scope: {@code asset:{tag}} or {@code line:{uuid}}
 * @param assetId     the asset whose value raised it; null for a line KPI alarm
 * @param assetTag    that asset's tag; null for a line KPI alarm
 * @param lineId      the line of the asset (or of a line rule), when known
 * @param metric      the telemetry metric of a metric rule (null for a KPI rule)
 * @param kpi         the KPI of a KPI rule: oee, availability, effectiveness, quality, mtbf, mttr,
 *                    energy-per-good-unit (null for a metric rule)
 * @param width       the window width of a KPI rule as an ISO-8601 duration (PT1M), null for a metric rule
 * @param operator    {@code >}, {@code >=}, {@code <} or {@code <=}
 * @param severity    info, warning or critical
 * @param raisedAt    event time at which the condition had held for the rule's "for" duration
 * @param raiseValue  the value at that time
 * @param clearedAt   event time of the value beyond the hysteresis band, or the time the rule was changed or deleted
 *                    ({@code clearedBy} then names who did it and {@code clearValue} is null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiAlarmData(UUID alarmId, UUID ruleId, String transition, String state, long seq, String severity,
        String scope, UUID assetId, String assetTag, UUID lineId, String metric, String kpi, String width,
        String operator, double threshold, double hysteresis, String description, Instant raisedAt,
        Double raiseValue, String acknowledgedBy, Instant acknowledgedAt, String comment, Instant clearedAt,
        Double clearValue, String clearedBy) {

    public static final String RAISED = "raised";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String CLEARED = "cleared";
}
