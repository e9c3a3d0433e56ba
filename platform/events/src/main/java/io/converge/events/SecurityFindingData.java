package io.converge.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A security-relevant fact a service observed, for security-service to normalize (OCSF), correlate and alert on.
 *
 * @param kind       what was observed, e.g. {@code unknown-device} (see {@link SecurityEventTypes})
 * @param severity   informational, low, medium, high or critical
 * @param firstSeen  the first occurrence in this report
 * @param lastSeen   the last occurrence in this report
 * @param count      occurrences summarised by this report (reports are throttled per asset and kind)
 * @param assetId    the registered asset, when there is one
 * @param assetTag   the asset tag or device identity as claimed by the sender
 * @param channel    where it was seen: http, mqtt, sparkplug …
 * @param source     network source (client address, MQTT topic) when known
 * @param attributes further detail, flat strings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecurityFindingData(String kind, String severity, String reporter, Instant firstSeen, Instant lastSeen,
        long count, UUID assetId, String assetTag, String channel, String source, String message,
        Map<String, String> attributes) {
}
