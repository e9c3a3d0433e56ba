package io.converge.events;

/** CloudEvents {@code type} values published by asset-service on {@link Topics#ASSET_EVENTS}. */
public final class AssetEventTypes {
    public static final String SOURCE = "/converge/asset-service";
    public static final String CREATED = "io.converge.asset.created";
    public static final String UPDATED = "io.converge.asset.updated";
    public static final String DELETED = "io.converge.asset.deleted";
    /** Lifecycle status changed (any status other than quarantined). */
    public static final String STATUS_CHANGED = "io.converge.asset.status-changed";
    /** Lifecycle status changed to {@code quarantined}. */
    public static final String QUARANTINED = "io.converge.asset.quarantined";
    public static final String FIRMWARE_CHANGED = "io.converge.asset.firmware-changed";

    private AssetEventTypes() {
    }
}
