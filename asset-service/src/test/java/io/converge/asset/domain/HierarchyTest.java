package io.converge.asset.domain;

import io.converge.rest.DomainException;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pure ISA-95 rules of {@link Hierarchy}. */
class HierarchyTest {

    private static HierarchyNode node(NodeLevel level, String code, HierarchyNode parent) {
        UUID id = UUID.randomUUID();
        Hierarchy.Derived d = Hierarchy.derive(id, level, parent);
        return new HierarchyNode(id, level, code, code, null, parent == null ? null : parent.id(), d.siteId(),
                d.lineId(), d.path(), 1, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void parentMustBeTheLevelAbove() {
        HierarchyNode ent = node(NodeLevel.ENTERPRISE, "E", null);
        HierarchyNode site = node(NodeLevel.SITE, "S", ent);
        assertDoesNotThrow(() -> Hierarchy.checkParent(NodeLevel.ENTERPRISE, null, null));
        assertDoesNotThrow(() -> Hierarchy.checkParent(NodeLevel.AREA, site.id(), site));
        DomainException e = assertThrows(DomainException.class,
                () -> Hierarchy.checkParent(NodeLevel.LINE, site.id(), site));
        assertEquals(DomainException.Kind.UNPROCESSABLE, e.kind());
        assertEquals("parentId", e.errors().get(0).field());
        assertThrows(DomainException.class, () -> Hierarchy.checkParent(NodeLevel.ENTERPRISE, ent.id(), ent));
        assertThrows(DomainException.class, () -> Hierarchy.checkParent(NodeLevel.SITE, null, null));
        assertThrows(DomainException.class, () -> Hierarchy.checkParent(NodeLevel.SITE, UUID.randomUUID(), null));
    }

    @Test
    void derivedSiteLineAndPath() {
        HierarchyNode ent = node(NodeLevel.ENTERPRISE, "E", null);
        HierarchyNode site = node(NodeLevel.SITE, "S", ent);
        HierarchyNode area = node(NodeLevel.AREA, "A", site);
        HierarchyNode line = node(NodeLevel.LINE, "L", area);
        HierarchyNode cell = node(NodeLevel.CELL, "C", line);
        assertNull(ent.siteId());
        assertEquals(List.of(ent.id()), ent.path());
        assertEquals(site.id(), site.siteId());
        assertEquals(site.id(), area.siteId());
        assertNull(area.lineId());
        assertEquals(line.id(), line.lineId());
        assertEquals(site.id(), cell.siteId());
        assertEquals(line.id(), cell.lineId());
        assertEquals(List.of(ent.id(), site.id(), area.id(), line.id(), cell.id()), cell.path());
    }

    @Test
    void treeCountsAssetsBelow() {
        HierarchyNode site = node(NodeLevel.SITE, "S", node(NodeLevel.ENTERPRISE, "E", null));
        HierarchyNode a2 = node(NodeLevel.AREA, "A2", site);
        HierarchyNode a1 = node(NodeLevel.AREA, "A1", site);
        HierarchyNode line = node(NodeLevel.LINE, "L", a1);
        Hierarchy.TreeNode t = Hierarchy.tree(site.id(), List.of(line, a2, site, a1),
                Map.of(line.id(), 3L, a2.id(), 1L, site.id(), 2L));
        assertEquals(6, t.totalAssetCount());
        assertEquals(2, t.assetCount());
        assertEquals(List.of("A1", "A2"), t.children().stream().map(Hierarchy.TreeNode::code).toList());
        assertEquals(3, t.children().get(0).totalAssetCount());
        assertEquals(0, t.children().get(0).assetCount());
        assertEquals(List.of(), t.children().get(0).children().get(0).children());
    }
}
