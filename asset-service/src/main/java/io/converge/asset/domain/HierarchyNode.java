package io.converge.asset.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One node of the ISA-95 equipment hierarchy (enterprise → site → area → line → cell) as stored and returned.
 *
 * @param siteId the site this node belongs to (itself for a site; null for an enterprise)
 * @param lineId the line this node belongs to (itself for a line, its line for a cell; null above line level)
 * @param path ancestor ids and self, root first
 */
public record HierarchyNode(
        UUID id,
        NodeLevel level,
        String code,
        String name,
        String description,
        UUID parentId,
        UUID siteId,
        UUID lineId,
        List<UUID> path,
        long version,
        Instant createdAt,
        Instant updatedAt) {
}
