package io.converge.patch.api;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/campaigns}, as sent: every field nullable here, checked by {@link CampaignRequests}
 * so that all mistakes come back together as field errors.
 */
public record CampaignInput(String name, String firmwareId, Filter target, Plan plan) {

    /**
     * Which assets: every field optional, all of them must match (a list matches any of its values).
     *
     * @param site        site id
     * @param line        production line id
     * @param type        asset types (plc, hmi, drive, …)
     * @param model       device models (compared ignoring case; matched here, not by asset-service)
     * @param firmware    the current firmware version
     * @param zone        network zone id
     * @param criticality low, medium, high, critical
     * @param labels      labels that must all be present with these values
     */
    public record Filter(String site, String line, List<String> type, List<String> model, String firmware,
            String zone, List<String> criticality, Map<String, String> labels) {
    }

    /**
     * How to roll out: a canary of {@code canaryDevices} devices or {@code canaryPercent} % (exactly one), then
     * {@code wavePercents} of the rest, never more than {@code maxLineShare} of a line in one wave; a wave must
     * reach {@code successThreshold} % to advance, {@code errorThreshold} % failed pauses the campaign; optional
     * own maintenance window.
     */
    public record Plan(Integer canaryDevices, Double canaryPercent, List<Double> wavePercents, Double maxLineShare,
            Double successThreshold, Double errorThreshold, Window window) {
    }

    /** A campaign's own maintenance window: 5-field UNIX cron, ISO-8601 duration (PT4H), IANA time zone. */
    public record Window(String cron, String duration, String zone) {
    }
}
