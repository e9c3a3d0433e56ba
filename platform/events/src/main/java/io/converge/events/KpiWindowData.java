package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One tumbling KPI window of one asset, as computed (revision 0) or corrected by late points (revision + 1). The
 * ratios are null when undefined; {@code undefined} then names the reason (for example "PBT is 0"). Times are
 * seconds, quantities are units, energy is kWh; {@code energyCost} is per currency.
 *
 * @param width ISO-8601 duration of the window, e.g. PT1M or PT1H
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiWindowData(UUID assetId, String assetTag, UUID lineId, UUID siteId, String width, Instant start,
        Instant end, int revision, Double availability, Double effectiveness, Double quality, Double oee,
        Map<String, String> undefined, double plannedBusySeconds, double actualProductionSeconds,
        double producedQuantity, double goodQuantity, int failures, int repairs, double energyKwh,
        Map<String, Double> energyCost) {
}
