package io.converge.telemetry.domain;

import java.util.Map;
import java.util.UUID;

/** What telemetry needs to know of a registered asset: identity, site, lifecycle status and labels. */
public record AssetRef(UUID id, String tag, UUID siteId, String status, Map<String, String> labels, long version,
        boolean deleted) {

    public boolean quarantined() {
        return "quarantined".equals(status);
    }

    /** Retired assets no longer produce data; anything claiming to be one is refused. */
    public boolean retired() {
        return "retired".equals(status);
    }
}
