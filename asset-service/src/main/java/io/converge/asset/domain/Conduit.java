package io.converge.asset.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An IEC 62443 conduit: the communication channel between two zones.
 *
 * @param protocols protocols carried, e.g. modbus-tcp, opc-ua, https
 * @param slTarget target security level of the conduit (1–4), null when none is set
 */
public record Conduit(
        UUID id,
        String name,
        String description,
        UUID fromZoneId,
        UUID toZoneId,
        List<String> protocols,
        Integer slTarget,
        long version,
        Instant createdAt,
        Instant updatedAt) {
}
