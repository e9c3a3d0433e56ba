package io.converge.patch.registry;

import java.util.List;
import java.util.UUID;

/**
 * The part of a campaign's target filter that asset-service evaluates (model is matched by patch-service, since the
 * asset list has no model filter). {@code labels} are {@code key:value}, all of which must match.
 */
public record TargetQuery(UUID site, UUID line, List<String> types, UUID zone, List<String> criticalities,
        String firmware, List<String> labels) {

    /**
     * Asset states a campaign targets: active and in maintenance. Planned assets are not installed yet, quarantined
     * ones are cut off the network until security releases them, retired ones are gone.
     */
    public static final List<String> STATUSES = List.of("active", "maintenance");

    public TargetQuery {
        types = types == null ? List.of() : List.copyOf(types);
        criticalities = criticalities == null ? List.of() : List.copyOf(criticalities);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
