package io.converge.asset.domain;

import io.converge.rest.FieldError;
import io.converge.rest.DomainException;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Pure ISA-95 hierarchy rules: which parent a level needs, the derived columns of a new node, subtree assembly. */
public final class Hierarchy {

    /** The columns computed at insert from the parent. */
    public record Derived(List<UUID> path, UUID siteId, UUID lineId) {
    }

    /** A node of a subtree answer: direct and total (self and below) asset counts, children ordered by code. */
    @JsonPropertyOrder({"id", "level", "code", "name", "assetCount", "totalAssetCount", "children"})
    public record TreeNode(UUID id, NodeLevel level, String code, String name, long assetCount,
            long totalAssetCount, List<TreeNode> children) {
    }

    private Hierarchy() {
    }

    /**
     * Checks that {@code parent} (null when the request names none or it does not exist) may hold a node of
     * {@code level}.
     *
     * @param parentId the id the request named, or null
     * @throws DomainException 422 with an error on {@code parentId}
     */
    public static void checkParent(NodeLevel level, UUID parentId, HierarchyNode parent) {
        NodeLevel required = level.parentLevel();
        String problem = null;
        if (required == null) {
            if (parentId != null) {
                problem = "an enterprise is a root node and has no parent";
            }
        } else if (parentId == null) {
            problem = "a " + level + " needs a parent of level " + required;
        } else if (parent == null) {
            problem = "parent " + parentId + " does not exist";
        } else if (parent.level() != required) {
            problem = "the parent of a " + level + " must be a " + required + ", but " + parent.code() + " is a "
                    + parent.level();
        }
        if (problem != null) {
            throw DomainException.unprocessable(problem, List.of(FieldError.of("parentId", problem)));
        }
    }

    /** path, siteId and lineId of a new node with this id under {@code parent} (null for an enterprise). */
    public static Derived derive(UUID id, NodeLevel level, HierarchyNode parent) {
        List<UUID> path = new ArrayList<>(parent == null ? List.of() : parent.path());
        path.add(id);
        UUID site = level == NodeLevel.SITE ? id : parent == null ? null : parent.siteId();
        UUID line = level == NodeLevel.LINE ? id : parent == null ? null : parent.lineId();
        return new Derived(List.copyOf(path), site, line);
    }

    /**
     * Assembles the subtree under {@code rootId} from its nodes (any order) and the number of assets placed directly in
     * each node.
     */
    public static TreeNode tree(UUID rootId, List<HierarchyNode> nodes, Map<UUID, Long> directAssets) {
        Map<UUID, List<HierarchyNode>> byParent = new HashMap<>();
        HierarchyNode root = null;
        for (HierarchyNode n : nodes) {
            if (n.id().equals(rootId)) {
                root = n;
            } else {
                byParent.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
        }
        Objects.requireNonNull(root, "the root node is not among the nodes");
        return build(root, byParent, directAssets);
    }

    private static TreeNode build(HierarchyNode n, Map<UUID, List<HierarchyNode>> byParent, Map<UUID, Long> counts) {
        List<TreeNode> children = new ArrayList<>();
        long total = counts.getOrDefault(n.id(), 0L);
        List<HierarchyNode> kids = new ArrayList<>(byParent.getOrDefault(n.id(), List.of()));
        kids.sort(Comparator.comparing(HierarchyNode::code));
        for (HierarchyNode k : kids) {
            TreeNode child = build(k, byParent, counts);
            total += child.totalAssetCount();
            children.add(child);
        }
        return new TreeNode(n.id(), n.level(), n.code(), n.name(), counts.getOrDefault(n.id(), 0L), total,
                List.copyOf(children));
    }
}
