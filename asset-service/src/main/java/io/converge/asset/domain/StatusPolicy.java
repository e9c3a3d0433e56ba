package io.converge.asset.domain;

import io.converge.rest.FieldError;
import io.converge.rest.DomainException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle transitions and who may make them. Quarantine is a security decision: only a security analyst or an
 * admin may put an asset into quarantine or take it out; engineers move assets between the other states. Retired is
 * final.
 */
public final class StatusPolicy {

    private static final Map<AssetStatus, Set<AssetStatus>> NEXT = Map.of(
            AssetStatus.PLANNED, EnumSet.of(AssetStatus.ACTIVE, AssetStatus.QUARANTINED, AssetStatus.RETIRED),
            AssetStatus.ACTIVE, EnumSet.of(AssetStatus.MAINTENANCE, AssetStatus.QUARANTINED, AssetStatus.RETIRED),
            AssetStatus.MAINTENANCE, EnumSet.of(AssetStatus.ACTIVE, AssetStatus.QUARANTINED, AssetStatus.RETIRED),
            AssetStatus.QUARANTINED, EnumSet.of(AssetStatus.ACTIVE, AssetStatus.MAINTENANCE, AssetStatus.RETIRED),
            AssetStatus.RETIRED, EnumSet.noneOf(AssetStatus.class));

    /** The caller's relevant powers, from its token roles. */
    public record Caller(boolean engineer, boolean securityAnalyst, boolean admin) {
    }

    private StatusPolicy() {
    }

    /** Status a new asset may be created with. */
    public static void checkInitial(AssetStatus status, Caller caller) {
        if (status == AssetStatus.QUARANTINED && !(caller.securityAnalyst() || caller.admin())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN,
                    "only a security analyst or an admin may quarantine an asset");
        }
        if (status == AssetStatus.RETIRED) {
            throw DomainException.unprocessable("a new asset cannot be retired",
                    java.util.List.of(FieldError.of("status", "a new asset cannot be retired")));
        }
    }

    /** Checks a transition; a no-op transition is allowed. */
    public static void checkTransition(AssetStatus from, AssetStatus to, Caller caller) {
        if (from == to) {
            return;
        }
        boolean quarantine = from == AssetStatus.QUARANTINED || to == AssetStatus.QUARANTINED;
        if (quarantine && !(caller.securityAnalyst() || caller.admin())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN,
                    "only a security analyst or an admin may put an asset into or out of quarantine");
        }
        if (!quarantine && !(caller.engineer() || caller.admin())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN,
                    "only an engineer or an admin may change an asset's status to " + to);
        }
        if (!NEXT.get(from).contains(to)) {
            throw DomainException.conflict("an asset cannot go from " + from + " to " + to
                    + (from == AssetStatus.RETIRED ? " (retired is final)" : ""));
        }
    }
}
