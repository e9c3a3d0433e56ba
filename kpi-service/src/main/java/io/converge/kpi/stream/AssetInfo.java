package io.converge.kpi.stream;

import java.util.UUID;

/** An asset as kpi-service knows it from converge.asset.events; criticality is low, medium, high or critical. */
public record AssetInfo(UUID id, String tag, UUID siteId, UUID lineId, String criticality) {
}
